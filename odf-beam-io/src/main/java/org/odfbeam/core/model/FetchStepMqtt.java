package org.odfbeam.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Connects to an MQTT broker to fetch events from the specified topic.
 *
 * @param host Hostname of the MQTT broker.
 * @param port Port of the MQTT broker.
 * @param username Username to use for auth with the broker. (optional)
 * @param password Password to use for auth with the broker (can be templated). (optional)
 * @param topics List of topic subscription parameters.
 */
@Variant(name = "Mqtt", id = 4)
public record FetchStepMqtt(
    String host,
    int port,
    @Nullable String username,
    @Nullable String password,
    List<MqttTopicSubscription> topics) implements FetchStep {
  /** Checks required fields and copies lists. */
  public FetchStepMqtt {
    Objects.requireNonNull(host, "FetchStepMqtt.host is required");
    topics = List.copyOf(Objects.requireNonNull(topics, "FetchStepMqtt.topics is required"));
  }
}
