package org.odfbeam.core.model;

/**
 * MQTT quality of service class.
 *
 * <p>FlatBuffers int32: the value is the ordinal; YAML name is the PascalCase of the constant.
 */
public enum MqttQos {
  AT_MOST_ONCE,
  AT_LEAST_ONCE,
  EXACTLY_ONCE
}
