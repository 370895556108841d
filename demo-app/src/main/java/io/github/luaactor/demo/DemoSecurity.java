package io.github.luaactor.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading is open, writing needs the role {@value #ADMIN_ROLE}: the dashboard, {@code /stats}, {@code /alerts} and
 * the Actuator reads ({@code health}, {@code metrics}, {@code prometheus}, {@code luaactors}) answer anyone, while
 * every other request (sending a message to an actor or reloading its Lua through {@code luaactors},
 * {@code POST /events}, which starts actors) needs HTTP Basic credentials of a user with that role. The user comes
 * from {@code spring.security.user.*} (see application.yml).
 */
@Configuration(proxyBeanMethods = false)
class DemoSecurity {

    /** The role that may run code in the demo: send to actors, reload their scripts, feed events. */
    static final String ADMIN_ROLE = "LUA_ADMIN";

    @Bean
    SecurityFilterChain demoSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers(HttpMethod.GET, "/**").permitAll()
                .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                // the error page renders the status of a refused or failed write
                .requestMatchers("/error").permitAll()
                .anyRequest().hasRole(ADMIN_ROLE))
            .httpBasic(Customizer.withDefaults())
            // No session and no cookie: a write carries its credentials in its own Authorization header, which a
            // page of another site cannot add (the dashboard asks with X-Requested-With, so a refused write gets a
            // plain 401 and the browser never prompts for, and so never caches, the password), so there is no
            // ambient authority for a CSRF token to protect.
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
