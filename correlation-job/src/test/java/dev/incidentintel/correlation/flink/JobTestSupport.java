package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared set-up of the job ITs: migrated databases, safe producers and the committed feed. */
final class JobTestSupport {
  private JobTestSupport() {}

  /** A new database on the shared ClickHouse with every migration applied; returns its name. */
  static String migratedDatabase(LocalClickHouse clickHouse, String prefix) {
    String database = SharedTestInfra.uniqueName(prefix);
    clickHouse.createDatabase(database);
    SchemaMigrator.fromClasspath(ClickHouseConnections.of(ClickHouseUrl.parse(clickHouse.jdbcUrl(database)))).migrate();
    return database;
  }

  /**
   * An idempotent, acks=all producer with one request in flight: on a just-created topic more in
   * flight can hit OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (STACK.md).
   */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("max.in.flight.requests.per.connection", "1");
    props.put("linger.ms", "5");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Every committed update on an incidents topic (the job writes it in transactions), from the start until four empty polls. */
  static List<IncidentUpdate> committedFeed(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", SharedTestInfra.uniqueName("feed_reader"));
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    List<IncidentUpdate> updates = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      int empty = 0;
      while (empty < 4) {
        var records = consumer.poll(Duration.ofMillis(500));
        empty = records.isEmpty() ? empty + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          updates.add(EventJson.read(r.value(), IncidentUpdate.class));
        }
      }
    }
    return updates;
  }
}
