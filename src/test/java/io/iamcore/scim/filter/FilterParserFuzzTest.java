package io.iamcore.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iamcore.scim.ScimException;
import java.nio.charset.StandardCharsets;

/**
 * Any text: a filter that prints and parses back to itself, or {@code invalidFilter}; never
 * another exception. Kept inputs: {@code FilterParserFuzzTestInputs/} (Entra's filters, findings).
 */
class FilterParserFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void parse_anyText_filterOrInvalidFilter(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Filter filter;
    try {
      filter = FilterParser.parse(text);
    } catch (ScimException e) {
      assertThat(e.scimType()).isEqualTo("invalidFilter");
      assertThat(e.status()).isEqualTo(400);
      return;
    }
    String printed = FilterPrinter.print(filter);
    if (printed.length() > FilterParser.MAX_LENGTH) {
      return; // printing may spell a filter longer (quotes, escapes) than the limit its input met
    }
    assertThat(FilterParser.parse(printed)).isEqualTo(filter);
  }
}
