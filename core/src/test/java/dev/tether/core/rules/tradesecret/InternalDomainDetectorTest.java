package dev.tether.core.rules.tradesecret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternalDomainDetectorTest {
  private static final InternalDomainDetector DOMAINS =
      new InternalDomainDetector(List.of("corp.acme.com", "acme.internal"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          bare domain                              | ping [[corp.acme.com]] now
          sub-domain spans the whole host          | clone [[git.build.corp.acme.com]]/x
          URL with scheme, port and path           | https://[[wiki.corp.acme.com]]:8443/page?x=1
          e-mail: host part only                   | mail alice@[[corp.acme.com]] today
          any case                                 | [[Jira.CORP.Acme.COM]]
          sentence-ending dot still matches        | the host is [[corp.acme.com]].
          other domain ending in our name          | notcorp.acme.com is not ours
          our name as a label of another domain    | corp.acme.com.evil.com is evil.com's
          label continues after our name           | corp.acme.company.com and corp.acme.com-old
          second domain                            | [[db1.acme.internal]] and [[acme.internal]]
          hyphen glued before is another label     | x-corp.acme.com
          leading dot without label                | .[[corp.acme.com]]
          JSON-quoted host                         | {"host":"[[api.corp.acme.com]]"}
          """)
  void domains_foundWithDocumentedEdges(String note, String marked) {
    Marked m = Marked.of(marked);

    assertEquals(m.spans(), Marked.spansOf(DOMAINS.scan(m.text())));
  }
}
