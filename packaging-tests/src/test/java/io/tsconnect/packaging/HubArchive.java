package io.tsconnect.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/** One connector module's Hub archive, unzipped, with what its own jar declares and contains. */
final class HubArchive {
    /** The plugin interfaces Connect discovers, each with the service file it is discovered through. */
    static final List<Class<?>> PLUGIN_TYPES = List.of(SourceConnector.class, SinkConnector.class,
        Converter.class, HeaderConverter.class, Transformation.class, Predicate.class, ConfigProvider.class,
        ConnectorClientConfigOverridePolicy.class);

    final String module;
    final Path root;

    private HubArchive(String module, Path root) {
        this.module = module;
        this.root = root;
    }

    /** Unzips {@code zip} into {@code pluginPath}, whose only child folder becomes the plugin. */
    static HubArchive unzip(String module, Path zip, Path pluginPath) throws IOException {
        String top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = pluginPath.resolve(e.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new IOException("Zip entry escapes the target: " + e.getName());
                }
                String first = e.getName().split("/")[0];
                if (top != null && !top.equals(first)) {
                    throw new IOException(zip + " has more than one top folder: " + top + ", " + first);
                }
                top = first;
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return new HubArchive(module, pluginPath.resolve(top));
    }

    /** The module's own jar in lib/. */
    Path ownJar() {
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith(module + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("No " + module + " jar in " + root.resolve("lib")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> libNames() throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
            return jars.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Plugin classes listed in the own jar's META-INF/services files, by service interface name. */
    Map<String, Set<String>> declaredPlugins() throws IOException {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(ownJar().toFile())) {
            for (Class<?> type : PLUGIN_TYPES) {
                JarEntry entry = jar.getJarEntry("META-INF/services/" + type.getName());
                if (entry == null) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    Set<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                        .collect(Collectors.toCollection(TreeSet::new));
                    declared.put(type.getName(), names);
                }
            }
        }
        return declared;
    }

    /** Concrete public plugin classes in the own jar, by the plugin interface they implement. */
    Map<String, Set<String>> pluginClasses() throws IOException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
            for (Path p : (Iterable<Path>) jars::iterator) {
                urls.add(p.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), Connector.class.getClassLoader());
             JarFile jar = new JarFile(ownJar().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("$") || name.equals("module-info.class")) {
                    continue;
                }
                Class<?> type = load(loader, name.substring(0, name.length() - 6).replace('/', '.'));
                if (type == null || !Modifier.isPublic(type.getModifiers())
                    || Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                    continue;
                }
                for (Class<?> pluginType : PLUGIN_TYPES) {
                    if (pluginType.isAssignableFrom(type)) {
                        found.computeIfAbsent(pluginType.getName(), k -> new TreeSet<>()).add(type.getName());
                    }
                }
            }
        }
        return found;
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
