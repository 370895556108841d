package io.github.luaactor.spring.boot.autoconfigure.cluster.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One Spring Boot member of the Lua actor cluster of {@link ClusterMembersIntegrationTests}, in a JVM of its own:
 * the test passes every setting as a command-line property. The actors are {@code cluster-test/*.lua}; the test
 * talks to the member over its {@code luaactors} endpoint.
 */
@SpringBootApplication
public class ClusterMemberApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClusterMemberApplication.class, args);
    }

}
