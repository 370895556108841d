package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Every code block in README.md and docs/*.md is accounted for, so that none can drift from the code:
 * <ul>
 * <li>a block right under {@code <!-- from: path -->} must be in that file word for word (its lines may be indented
 * there as a whole), and that file is compiled and run by the tests of its module;</li>
 * <li>a {@code lua} block is compiled by {@link DocsTest};</li>
 * <li>a block listed in {@link #CHECKED} is checked by the test named there (which reads the block from the doc),
 * or is copied from a file in a doc that cannot carry the marker yet;</li>
 * <li>otherwise it must be of a kind in {@link #EXEMPT}: build commands, output samples and plain-text diagrams,
 * which nothing can compile.</li>
 * </ul>
 * Anything else (a new {@code java}, {@code yaml} or {@code xml} block with no marker) fails, naming the block.
 */
class DocCodeBlocksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern FROM = Pattern.compile("<!-- from: (\\S+) -->");

    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");

    /**
     * Blocks without a {@code from:} marker that a test checks, keyed "file language #n" (n counts blocks of that
     * language in that file). The value is either "test: path#method" (a test that reads the block from the doc;
     * checked to exist here) or "copy: path" (contained word for word, as for a marker).
     */
    static final Map<String, String> CHECKED = Map.of(
            "docs/customizers.md java #1",
            "copy: lua-actor-core/src/test/java/io/github/luaactor/core/CustomizerExample.java",
            "docs/configuration.md yaml #1",
            "test: lua-actor-spring-boot-autoconfigure/src/test/java/io/github/luaactor/spring/boot/autoconfigure/docs/DocYamlBlocksTests.java#configurationQuickStartBinds",
            "docs/observability.md yaml #1",
            "test: lua-actor-spring-boot-autoconfigure/src/test/java/io/github/luaactor/spring/boot/autoconfigure/docs/DocYamlBlocksTests.java#observabilityApplicationYmlSetsUpActuator",
            "docs/observability.md yaml #2",
            "test: lua-actor-spring-boot-autoconfigure/src/test/java/io/github/luaactor/spring/boot/autoconfigure/docs/DocYamlBlocksTests.java#observabilityStatusMappingDegradesHealth",
            "docs/observability.md yaml #3",
            "test: lua-actor-spring-boot-autoconfigure/src/test/java/io/github/luaactor/spring/boot/autoconfigure/docs/DocYamlBlocksTests.java#observabilityProductionSetUpBinds",
            "docs/observability.md bash #1",
            "test: lua-actor-spring-boot-autoconfigure/src/test/java/io/github/luaactor/spring/boot/actuate/LuaActorsActuatorIntegrationTests.java#observabilityDocCurlExampleAnswersAsDocumented",
            "README.md xml #1", "dependency: the starter's coordinates in this build",
            "docs/getting-started.md bash #2",
            "test: demo-app/src/test/java/io/github/luaactor/demo/GettingStartedCurlTests.java#theCurlCommandsWorkAgainstTheDemo");

    /**
     * Kinds of block nothing can compile: plain text (diagrams, HTTP request lines), JSON output samples, and bash
     * blocks made only of the build's own {@code ./mvnw} commands (run by CI; the first is checked by the demo's
     * GettingStartedDocTests).
     */
    static final Set<String> EXEMPT = Set.of("", "text", "json");

    record Block(String file, String language, int index, String from, String body, int line) {

        String key() {
            return file + " " + language + " #" + index;
        }

    }

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path file : documents()) {
            String name = ROOT.relativize(file).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(file);
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher open = FENCE.matcher(lines.get(i));
                if (!open.matches()) {
                    continue;
                }
                String language = open.group(1);
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                assertThat(end).as("%s:%d: unclosed code block", name, i + 1).isLessThan(lines.size());
                Matcher from = (i > 0) ? FROM.matcher(lines.get(i - 1).trim()) : null;
                String body = String.join("\n", lines.subList(i + 1, end)) + "\n";
                int index = counts.merge(language, 1, Integer::sum);
                blocks.add(new Block(name, language, index, (from != null && from.matches()) ? from.group(1) : null,
                        body, i + 1));
                i = end;
            }
        }
        return blocks;
    }

    @Test
    void findsTheBlocks() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThan(30);
        assertThat(blocks).filteredOn(b -> b.from() != null).extracting(Block::file)
                .contains("README.md", "docs/recipients.md", "docs/getting-started.md");
    }

    @Test
    void readmeJavaBlocksShowTheImportsOfTheirFile() throws IOException {
        // a newcomer copies the README's snippets: without the imports one guessed the wrong package
        List<Block> copied = blocks().stream()
                .filter(b -> b.file().equals("README.md") && b.language().equals("java") && b.from() != null)
                .toList();
        assertThat(copied).hasSizeGreaterThanOrEqualTo(3);
        for (Block block : copied) {
            List<String> imports = Files.readAllLines(ROOT.resolve(block.from())).stream()
                    .filter(l -> l.startsWith("import ")).toList();
            assertThat(block.body().lines().filter(l -> l.startsWith("import ")).toList())
                    .as("README.md:%d, copied from %s, shows that file's imports", block.line(), block.from())
                    .isEqualTo(imports);
        }
    }

    @Test
    void everyListedBlockExists() throws IOException {
        // a stale entry would silently excuse nothing; the doc changed and the list must follow
        List<String> keys = blocks().stream().map(Block::key).toList();
        assertThat(keys).containsAll(CHECKED.keySet());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> namedBlocks() throws IOException {
        return blocks().stream().map(b -> org.junit.jupiter.params.provider.Arguments.of(b.file() + ":" + b.line()
                + " " + (b.language().isEmpty() ? "text" : b.language()), b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedBlocks")
    void blockIsAccountedFor(String name, Block block) throws IOException {
        String where = block.file() + ":" + block.line() + " (" + block.key() + ")";
        if (block.from() != null) {
            assertCopied(where, block.from(), block.body());
            return;
        }
        if (block.language().equals("lua")) {
            return; // compiled by DocsTest.luaExampleCompiles
        }
        String check = CHECKED.get(block.key());
        if (check != null) {
            if (check.startsWith("copy: ")) {
                assertCopied(where, check.substring(6), block.body());
            }
            else if (check.startsWith("test: ")) {
                String[] test = check.substring(6).split("#");
                Path source = ROOT.resolve(test[0]);
                assertThat(source).as("test checking %s", where).isRegularFile();
                assertThat(Files.readString(source)).as("test checking %s", where).contains(" " + test[1] + "(")
                        .contains(Path.of(block.file()).getFileName().toString());
            }
            else {
                assertDependencyOfThisBuild(where, block.body());
            }
            return;
        }
        if (EXEMPT.contains(block.language()) || block.language().equals("bash") && onlyBuildCommands(block.body())) {
            return;
        }
        fail(where + " is neither copied from a file (put <!-- from: path --> on the line above it), nor checked by a"
                + " test listed in DocCodeBlocksTest.CHECKED, nor exempt (an untagged, text or json block, or a bash"
                + " block of ./mvnw commands only):\n" + block.body());
    }

    private static boolean onlyBuildCommands(String body) {
        return body.lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("./mvnw "));
    }

    /** The file holds the block's lines in a row, each with the same indentation prefix (possibly none). */
    static void assertCopied(String where, String path, String body) throws IOException {
        Path source = ROOT.resolve(path);
        assertThat(source).as("file named by %s", where).isRegularFile();
        String text = Files.readString(source);
        if (text.contains(body)) {
            return;
        }
        List<String> fileLines = text.lines().toList();
        List<String> blockLines = body.lines().toList();
        for (int start = 0; start + blockLines.size() <= fileLines.size(); start++) {
            String first = fileLines.get(start);
            if (!first.endsWith(blockLines.get(0)) || !first.substring(0, first.length() - blockLines.get(0).length())
                    .isBlank()) {
                continue;
            }
            String indent = first.substring(0, first.length() - blockLines.get(0).length());
            boolean all = true;
            for (int k = 1; k < blockLines.size() && all; k++) {
                String expected = blockLines.get(k);
                String actual = fileLines.get(start + k);
                all = expected.isEmpty() ? actual.isBlank() : actual.equals(indent + expected);
            }
            if (all) {
                return;
            }
        }
        fail(where + " is not, word for word, in " + path + ":\n" + body);
    }

    private static void assertDependencyOfThisBuild(String where, String body) throws IOException {
        Matcher group = Pattern.compile("<groupId>([^<]+)</groupId>").matcher(body);
        Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(body);
        assertThat(group.find() && artifact.find() && version.find()).as("%s names a dependency", where).isTrue();
        Path pom = ROOT.resolve(artifact.group(1)).resolve("pom.xml");
        assertThat(pom).as("%s: a module of this build", where).isRegularFile();
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(rootPom).as("%s: group and version of this build", where)
                .contains("<groupId>" + group.group(1) + "</groupId>")
                .contains("<version>" + version.group(1) + "</version>");
        assertThat(Files.readString(pom)).contains("<artifactId>" + artifact.group(1) + "</artifactId>");
    }

    @Test
    void copiedBlocksMayBeIndentedAsAWholeButNotReworded() throws IOException {
        String path = "lua-actor-core/src/test/java/io/github/luaactor/examples/ReadmeCoreExample.java";
        assertCopied("indented", path, "LuaActorRef adder = LuaActorBuilder.create()\n    .name(\"adder\")\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertCopied("reworded", path,
                "LuaActorRef adder = LuaActorBuilder.create()\n    .name(\"subtractor\")\n"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("word for word");
    }
}
