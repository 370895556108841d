package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.luaactor.core.internal.compile.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lua sources are bytes: a script file in Latin-1 (or any bytes) loads, and its string literals keep every byte. */
class ScriptBytesTest extends ActorTestSupport {
    /** {@code return {string.byte('é', 1, -1)}} with the é as the single Latin-1 byte E9. */
    private static final byte[] LATIN_1 = latin1("-- caf\u00e9\nreturn {string.byte('\u00e9', 1, -1)}\n");

    @TempDir
    Path dir;

    @Test
    void aLatin1FileKeepsItsBytesInStringLiterals() throws IOException {
        Path file = Files.write(dir.resolve("latin.lua"), LATIN_1);
        LuaActorRef actor = LuaActorBuilder.create().name("latin").onHandle(LuaScript.of(file)).start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(List.of(0xe9)));
        assertThat(join(actor.send(LuaMessage.from(1)))).as("a second message, from the cached compilation")
                .isEqualTo(LuaMessage.from(List.of(0xe9)));
    }

    @Test
    void aLatin1FileFromTheClassPathKeepsItsBytesToo() throws IOException {
        Files.createDirectories(dir.resolve("lua"));
        Files.write(dir.resolve("lua/latin.lua"), LATIN_1);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            LuaScript script = ScriptSources.resource(loader, "lua/", "latin.lua", "script").orElseThrow();
            LuaActorRef actor = LuaActorBuilder.create().name("cp").onHandle(script).start(system);
            assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(List.of(0xe9)));
        }
    }

    @Test
    void aUtf8FileIsItsText() throws IOException {
        Path file = Files.writeString(dir.resolve("utf8.lua"), "return #'\u00e9\ud83d\ude00'", StandardCharsets.UTF_8);
        LuaScript script = LuaScript.of(file);
        assertThat(script.source()).isEqualTo("return #'\u00e9\ud83d\ude00'");
        assertThat(ask(LuaActorBuilder.create().name("utf8").onHandle(script).start(system), 1))
                .isEqualTo(LuaMessage.from(6));
    }

    @Test
    void anErrorInALatin1FileNamesTheChunkAndLine() throws IOException {
        Path file = Files.write(dir.resolve("broken.lua"), latin1("local s = '\u00e9'\n\nerror('caf\u00e9 ' .. #s)\n"));
        LuaActorRef actor = LuaActorBuilder.create().name("broken").onHandle(LuaScript.of(file)).start(system);
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("broken.lua");
                    assertThat(e.line()).isEqualTo(3);
                });
        Path syntax = Files.write(dir.resolve("syntax.lua"), latin1("local s = '\u00e9'\nreturn s +\n"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LuaScript.of(syntax).checkSyntax("checker")))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("syntax.lua");
                    assertThat(e.line()).as("the end of the file, after the last newline").isEqualTo(3);
                });
    }

    @Test
    void sourceTextRoundTripsEveryByte() {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] mixed = "a\u00e9\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        byte[] withLatin = {'x', (byte) 0xe9, (byte) 0xc3, (byte) 0xa9, (byte) 0xff, (byte) 0xed, (byte) 0xb2,
                (byte) 0x80};
        for (byte[] bytes : List.of(all, mixed, withLatin, new byte[0])) {
            assertThat(SourceText.encode(SourceText.decode(bytes))).containsExactly(bytes);
        }
        assertThat(SourceText.decode(withLatin)).isEqualTo("x\udce9\u00e9\udcff\udced\udcb2\udc80");
        assertThat(SourceText.encode("\ud83d\udc80")).as("a real pair ending in DC80 is a character, not a byte")
                .containsExactly("\ud83d\udc80".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
