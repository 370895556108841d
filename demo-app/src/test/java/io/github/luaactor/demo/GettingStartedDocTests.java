package io.github.luaactor.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/getting-started.md} shows code copied from the demo: each block under a
 * {@code <!-- from: path -->} comment must still be, word for word, in that file (which the other tests compile and
 * run). Also checks that the README's first command is the one that runs this demo.
 */
class GettingStartedDocTests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final Pattern COPIED_BLOCK = Pattern.compile("<!-- from: (\\S+) -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyCopiedBlockIsStillInItsFile() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/getting-started.md"));
        Matcher m = COPIED_BLOCK.matcher(doc);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path source = ROOT.resolve(m.group(1));
            assertThat(source).as("file named in getting-started.md").isRegularFile();
            assertThat(Files.readString(source)).as("block #%d of getting-started.md, copied from %s",
                    checked.size() + 1, m.group(1)).contains(m.group(2));
            checked.add(m.group(1));
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(9)
            .contains("demo-app/pom.xml", "demo-app/src/main/resources/lua-actors/router.lua",
                    "demo-app/src/main/java/io/github/luaactor/demo/AlertStore.java",
                    "demo-app/src/main/resources/application.yml");
    }

    @Test
    void theReadmeAndTheGuideStartWithTheDemoCommand() throws IOException {
        String command = "./mvnw -pl demo-app -am spring-boot:run";
        assertThat(firstBashLine(Files.readString(ROOT.resolve("docs/getting-started.md")))).isEqualTo(command);
        assertThat(firstBashLine(Files.readString(ROOT.resolve("README.md")))).isEqualTo(command);
    }

    private static String firstBashLine(String markdown) {
        Matcher m = Pattern.compile("```bash\\n(.*?)\\n").matcher(markdown);
        assertThat(m.find()).as("a bash block").isTrue();
        return m.group(1).trim();
    }
}
