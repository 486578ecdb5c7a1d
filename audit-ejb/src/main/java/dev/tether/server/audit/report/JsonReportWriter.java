package dev.tether.server.audit.report;

import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes {@code {"summary":{...},"records":[...],"recordCount":N}}: the summary first, then every
 * record streamed one at a time (each encoded with {@link JsonCodec}), so memory stays flat.
 */
public final class JsonReportWriter {
  private final Writer out;
  private long count;

  public JsonReportWriter(Writer out, DecisionSummary summary) throws IOException {
    this.out = out;
    out.write("{\"summary\":");
    out.write(JsonCodec.writeString(summary));
    out.write(",\"records\":[");
  }

  public void write(DecisionRecord record) {
    try {
      if (count++ > 0) {
        out.write(',');
      }
      out.write('\n');
      out.write(JsonCodec.writeString(record));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void finish() throws IOException {
    out.write("\n],\"recordCount\":" + count + "}\n");
  }
}
