package io.github.luaactor.spring.boot.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * Development-time hot reload ({@code lua-actor.reload.watch=true}): polls the actor scripts and module files that
 * live on disk (a {@code file:} location, or class-path entries in a directory such as {@code target/classes}) and,
 * when one changes, reloads the actors running that script or every actor that required that module. A script
 * that does not compile is logged and not applied, so the actors keep their previous version.
 * <p>
 * Polling rather than a {@code WatchService}: it sees changes on every file system (including mounted and
 * container volumes where native events are lost), and files inside jars are simply skipped. Starts after the
 * actors ({@link LuaActorLifecycle#PHASE} + 1) and stops before them.
 */
public class LuaScriptWatcher implements SmartLifecycle {

    /** Just after the actors start, so that the first scan sees the scripts they run. */
    public static final int PHASE = LuaActorLifecycle.PHASE + 1;

    private static final Log logger = LogFactory.getLog(LuaScriptWatcher.class);

    private final LuaActorSystem system;

    private final WatchedLocations locations;

    private final Duration interval;

    private Map<Path, WatchedFile> snapshot = Map.of();

    private @Nullable ScheduledExecutorService executor;

    public LuaScriptWatcher(LuaActorSystem system, List<String> scriptLocations, List<String> moduleLocations,
            ResourcePatternResolver resources, Duration interval) {
        this.system = system;
        this.locations = new WatchedLocations(scriptLocations, moduleLocations, resources);
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (this.executor != null) {
            return;
        }
        this.snapshot = this.locations.scan();
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon()
            .name("lua-actor-reload-watch")
            .factory());
        long millis = Math.max(1, this.interval.toMillis());
        this.executor.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        logger.info("Watching " + this.snapshot.size() + " Lua script and module file(s) for changes every "
                + this.interval);
    }

    @Override
    public synchronized void stop() {
        if (this.executor == null) {
            return;
        }
        this.executor.shutdownNow();
        try {
            this.executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return this.executor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** One scan: reloads what changed since the previous scan. */
    void poll() {
        try {
            Map<Path, WatchedFile> current = this.locations.scan();
            for (WatchedFile file : current.values()) {
                WatchedFile previous = this.snapshot.get(file.path());
                // A file that appeared since the last scan has no user yet: ctx.new_actor and require read it fresh.
                if (previous != null && previous.checksum() != file.checksum()) {
                    changed(file);
                }
            }
            this.snapshot = current;
        }
        catch (RuntimeException ex) {
            logger.warn("Lua script watcher: scan failed, will retry", ex);
        }
    }

    private void changed(WatchedFile file) {
        String module = file.moduleName();
        if (module != null) {
            reloadModule(file, module);
        }
        else {
            reloadActors(file);
        }
    }

    private void reloadModule(WatchedFile file, String name) {
        LuaScript script = new LuaScript(LuaModuleResolver.relativePath(name), file.source(), file.path().toString());
        try {
            script.checkSyntax("module " + name);
        }
        catch (LuaScriptException ex) {
            logger.error("Lua module '" + name + "' changed but does not compile: " + file.path() + lineOf(ex) + ": "
                    + ex.luaMessage() + ". Actors keep the previous version.");
            return;
        }
        int told = this.system.reloadModule(name);
        logger.info("Lua module '" + name + "' changed (" + file.path() + "): " + told
                + " actor(s) reload it before their next message");
    }

    private void reloadActors(WatchedFile file) {
        List<LuaActorRef> actors = this.system.actors()
            .stream()
            .filter((actor) -> file.isLocation(actor.scriptLocation()))
            .toList();
        if (actors.isEmpty()) {
            logger.debug("Lua script " + file.path() + " changed; no running actor uses it as its handler");
            return;
        }
        List<String> names = actors.stream().map(LuaActorRef::name).toList();
        try {
            new LuaScript(file.path().getFileName().toString(), file.source(), file.path().toString())
                .checkSyntax(names.get(0));
        }
        catch (LuaScriptException ex) {
            logger.error("Lua script changed but does not compile: " + file.path() + lineOf(ex) + ": "
                    + ex.luaMessage() + ". Actor(s) " + names + " keep their previous script.");
            return;
        }
        for (LuaActorRef actor : actors) {
            try {
                actor.reload(file.source()).whenComplete((done, failure) -> {
                    if (failure != null) {
                        logger.warn("Lua actor '" + actor.name() + "' was not reloaded: " + failure.getMessage());
                    }
                });
            }
            catch (RuntimeException ex) {
                logger.warn("Lua actor '" + actor.name() + "' was not reloaded: " + ex.getMessage());
            }
        }
        logger.info("Lua script changed (" + file.path() + "): reloading actor(s) " + names);
    }

    private static String lineOf(LuaScriptException ex) {
        return (ex.line() > 0) ? ":" + ex.line() : "";
    }

    /**
     * A file being watched.
     *
     * @param path       where it is on disk
     * @param moduleName the module it is, or {@code null} for an actor script
     * @param locations  how actors running it report their {@code scriptLocation()}
     * @param source     its content at the scan
     * @param checksum   CRC-32 of the content: modification times are too coarse on some file systems
     */
    record WatchedFile(Path path, @Nullable String moduleName, List<String> locations, String source, long checksum) {

        private static final Pattern DESCRIPTION = Pattern
            .compile("(?:file|URL) \\[(.*)\\]");

        /**
         * Whether an actor's script location is this file. The same file is described differently depending on
         * how it was found ("file [/x/a.lua]" by a pattern, "URL [file:/x/a.lua]" for ctx.new_actor).
         */
        boolean isLocation(String location) {
            if (this.locations.contains(location)) {
                return true;
            }
            Matcher matcher = DESCRIPTION.matcher(location);
            String inner = matcher.matches() ? matcher.group(1) : location;
            try {
                Path other = inner.startsWith("file:") ? Path.of(URI.create(inner)) : Path.of(inner);
                return other.isAbsolute() && other.normalize().equals(this.path.normalize());
            }
            catch (RuntimeException ex) {
                return false;
            }
        }

        static WatchedFile read(Path path, @Nullable String moduleName, List<String> locations) {
            try {
                byte[] bytes = Files.readAllBytes(path);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                return new WatchedFile(path, moduleName, locations, LuaScript.sourceText(bytes),
                        crc.getValue());
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + path, ex);
            }
        }

    }

    /** Finds the files on disk behind the script and module locations. */
    static final class WatchedLocations {

        private final List<String> scripts;

        private final List<String> modules;

        private final ResourcePatternResolver resources;

        WatchedLocations(List<String> scripts, List<String> modules, ResourcePatternResolver resources) {
            this.scripts = scripts.stream().filter(StringUtils::hasText).map(String::trim).toList();
            this.modules = ResourceLuaModuleResolver.roots(modules);
            this.resources = resources;
        }

        Map<Path, WatchedFile> scan() {
            Map<Path, WatchedFile> files = new HashMap<>();
            for (String location : this.scripts) {
                for (Resource resource : resolve(location)) {
                    Path path = fileOf(resource);
                    if (path != null && Files.isRegularFile(path) && isLua(path)) {
                        files.put(path, WatchedFile.read(path, null, List.of(resource.getDescription())));
                    }
                }
            }
            for (String location : this.modules) {
                for (Resource root : resolve(location)) {
                    Path directory = fileOf(root);
                    if (directory != null && Files.isDirectory(directory)) {
                        addModules(directory, files);
                    }
                }
            }
            return files;
        }

        private static void addModules(Path root, Map<Path, WatchedFile> files) {
            try (Stream<Path> tree = Files.walk(root)) {
                tree.filter((path) -> Files.isRegularFile(path) && isLua(path)).forEach((path) -> {
                    String relative = root.relativize(path).toString().replace(File.separatorChar, '/');
                    String name = relative.substring(0, relative.length() - 4).replace('/', '.');
                    if (isModuleName(name)) {
                        files.putIfAbsent(path, WatchedFile.read(path, name, List.of()));
                    }
                });
            }
            catch (IOException | UncheckedIOException ex) {
                logger.debug("Cannot scan Lua module directory " + root + ": " + ex.getMessage());
            }
        }

        /** A file that require cannot name (such as "my file.lua") is nobody's module. */
        private static boolean isModuleName(String name) {
            try {
                LuaModuleResolver.validate(name);
                return true;
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
        }

        private Resource[] resolve(String location) {
            try {
                return this.resources.getResources(location);
            }
            catch (IOException ex) {
                return new Resource[0];
            }
        }

        private static @Nullable Path fileOf(Resource resource) {
            try {
                return (resource.exists() && resource.isFile()) ? resource.getFile().toPath().toAbsolutePath() : null;
            }
            catch (IOException ex) {
                return null;
            }
        }

        private static boolean isLua(Path path) {
            return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".lua");
        }

    }

}
