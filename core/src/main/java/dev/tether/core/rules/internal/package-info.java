/**
 * Implementation of the rule engine, not API: the keyword prefilter (Aho-Corasick), the bounded
 * decoder of nested encodings with its offset maps, and finding deduplication. Used only by {@code
 * dev.tether.core.rules}; must not depend on the detector packages ({@code credentials}, {@code
 * personal}, {@code tradesecret}) nor on anything outside {@code java.*}.
 */
package dev.tether.core.rules.internal;
