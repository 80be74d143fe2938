package dev.incidentintel.correlation.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for a class stored as JSON (canonical records on the wire, correlation
 * state in checkpoints). JSON rather than Kryo so that state written by one version of the job can
 * be restored by the next one after fields were added: unknown fields are ignored, missing ones
 * take their defaults.
 */
public final class JsonTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;
  private final Class<T> type;

  public JsonTypeInfo(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonTypeInfo<T> of(Class<T> type) {
    return new JsonTypeInfo<>(type);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new JsonSerializer<>(type);
  }

  @Override
  public String toString() {
    return "Json<" + type.getName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonTypeInfo<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof JsonTypeInfo;
  }
}
