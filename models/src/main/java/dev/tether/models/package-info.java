/**
 * The intent judge: the classification labels the policy maps to responses, and (with the judge
 * issue) the tokenizer, the ONNX encoder and classification head, the labelled corpus, the trainer
 * and the evaluation harness.
 *
 * <p>Status: the label set exists; the model arrives with the intent-judge issue. The agent's
 * pipeline has no judge stage until then (it never pretends to have one).
 *
 * <p>Must not depend on the agent or server modules.
 */
package dev.tether.models;
