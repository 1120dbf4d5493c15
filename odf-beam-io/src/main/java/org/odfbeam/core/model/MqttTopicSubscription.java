package org.odfbeam.core.model;

import java.util.Objects;

/**
 * MQTT topic subscription parameters.
 *
 * @param path Name of the topic (may include patterns).
 * @param qos Quality of service class. Defaults to: "AtMostOnce" (optional)
 */
public record MqttTopicSubscription(
    String path,
    @Nullable MqttQos qos) {
  /** Checks required fields and copies lists. */
  public MqttTopicSubscription {
    Objects.requireNonNull(path, "MqttTopicSubscription.path is required");
  }
}
