package io.github.luaactor.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo under {@code demo.*}.
 *
 * @param alertThreshold a sensor value above this raises an alert (once, until a value at or below it re-arms it)
 * @param maxSensors     how many sensors the router follows (one window actor each); events from further sensors are
 *                       refused (default 1000)
 * @param generator      the built-in event generator
 */
@ConfigurationProperties("demo")
public record DemoProperties(Double alertThreshold, Integer maxSensors, Generator generator) {

    public DemoProperties {
        alertThreshold = alertThreshold == null ? 90.0 : alertThreshold;
        maxSensors = maxSensors == null ? 1000 : maxSensors;
        if (maxSensors < 1) {
            throw new IllegalArgumentException("demo.max-sensors must be at least 1, got " + maxSensors);
        }
        generator = generator == null ? new Generator(null, null, null) : generator;
    }

    /**
     * @param enabled whether to feed generated events to the router (default true)
     * @param rate    events per second over all sensors (default 20)
     * @param sensors how many sensors the generator simulates (default 6)
     */
    public record Generator(Boolean enabled, Double rate, Integer sensors) {
        public Generator {
            enabled = enabled == null || enabled;
            rate = rate == null ? 20.0 : rate;
            sensors = sensors == null ? 6 : sensors;
        }
    }
}
