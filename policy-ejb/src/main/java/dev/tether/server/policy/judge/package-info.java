/**
 * The cloud judge: a stronger intent classifier than the device's (fp32 all-MiniLM-L6-v2 with its
 * own trained head) that agents consult, through the agent API, only when their on-device judge is
 * unsure; and each tenant's cloud-judge settings (on/off, escalation threshold, time budget).
 *
 * <p>Guarantees: it only ever sees the redacted {@code JudgeRequest} (rule findings already
 * replaced by typed placeholders on the device); it never logs or stores the text; every request is
 * bounded in size and in time, and a request it cannot answer in time is refused, never guessed.
 *
 * <p>Depends on {@code core} (wire records) and {@code models} (encoder, features, head); nothing
 * here depends on the web layer.
 */
package dev.tether.server.policy.judge;
