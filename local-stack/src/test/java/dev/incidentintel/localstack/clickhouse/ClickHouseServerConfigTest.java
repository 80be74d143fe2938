package dev.incidentintel.localstack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ClickHouseServerConfigTest {

    @TempDir Path dir;

    @Test
    void writesPortsPathsAndUsersIntoOneParsableFile() throws Exception {
        Path dataDir = dir.resolve("ch");
        Path written = new ClickHouseServerConfig(dataDir, 18123, 19000).write();

        assertThat(written).isEqualTo(dataDir.resolve("clickhouse-config.xml"));
        assertThat(dataDir.resolve("data").resolve("tmp")).isDirectory();
        Document doc = parse(Files.readString(written));
        XPath xpath = XPathFactory.newInstance().newXPath();
        String root = dataDir.toAbsolutePath().toString();

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("yandex");
        assertThat(xpath.evaluate("/yandex/http_port", doc)).isEqualTo("18123");
        assertThat(xpath.evaluate("/yandex/tcp_port", doc)).isEqualTo("19000");
        assertThat(xpath.evaluate("/yandex/listen_host", doc)).isEqualTo("127.0.0.1");
        assertThat(xpath.evaluate("/yandex/path", doc)).isEqualTo(root + "/data/");
        assertThat(xpath.evaluate("/yandex/tmp_path", doc)).isEqualTo(root + "/data/tmp/");
        assertThat(xpath.evaluate("/yandex/users_config", doc))
                .isEqualTo(root + "/clickhouse-config.xml");
        assertThat(xpath.evaluate("/yandex/timezone", doc)).isEqualTo("UTC");
        assertThat(xpath.evaluate("/yandex/uncompressed_cache_size", doc)).isEqualTo("1073741824");
        // Without <logger> 18.16 exits with code 78.
        assertThat(xpath.evaluate("/yandex/logger/console", doc)).isEqualTo("1");
        assertThat(
                        xpath.evaluate(
                                "/yandex/profiles/default/allow_experimental_low_cardinality_type",
                                doc))
                .isEqualTo("1");
        assertThat(xpath.evaluate("/yandex/profiles/default/max_memory_usage", doc))
                .isEqualTo("4000000000");
        assertThat(xpath.evaluate("/yandex/users/default/password", doc)).isEmpty();
        assertThat(xpath.evaluate("count(/yandex/users/default/password)", doc)).isEqualTo("1");
        assertThat(xpath.evaluate("/yandex/users/default/networks/ip", doc)).isEqualTo("127.0.0.1");
        assertThat(xpath.evaluate("/yandex/users/default/profile", doc)).isEqualTo("default");
        assertThat(xpath.evaluate("count(/yandex/interserver_http_port)", doc)).isEqualTo("0");
    }

    @Test
    void escapesPathsThatAreNotValidXmlText() throws Exception {
        Path dataDir = dir.resolve("a&b<c>");
        ClickHouseServerConfig config = new ClickHouseServerConfig(dataDir, 1000, 1001);

        Document doc = parse(config.toXml());

        assertThat(XPathFactory.newInstance().newXPath().evaluate("/yandex/path", doc))
                .isEqualTo(dataDir.toAbsolutePath() + "/data/");
    }

    @Test
    void rejectsBadPortsNamingTheField() {
        assertThatThrownBy(() -> new ClickHouseServerConfig(dir, 0, 9000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpPort");
        assertThatThrownBy(() -> new ClickHouseServerConfig(dir, 8123, 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcpPort");
        assertThatThrownBy(() -> new ClickHouseServerConfig(dir, 8123, 8123))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
