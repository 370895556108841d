package io.github.luaactor.spring.boot.autoconfigure.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the README and docs/recipients.md show in pieces: its classes and its scripts (under
 * {@code docs-examples/}) are the files those documents copy their code blocks from.
 */
@SpringBootApplication
public class DocsExampleApplication {

}
