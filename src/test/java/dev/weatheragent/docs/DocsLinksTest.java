package dev.weatheragent.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documentation's relative links and images point at files that exist, and their {@code #anchors} at headings
 * of the page they name; and every page of docs/ is one click from the README.
 */
class DocsLinksTest {

    @Test
    void relativeLinksAndAnchorsResolve() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : Markdown.pages()) {
            for (Markdown.Link link : Markdown.links(page)) {
                String target = link.target();
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto: and the like
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(path).normalize();
                String where = page + ":" + link.line() + ": " + target;
                if (!Files.exists(file)) {
                    broken.add(where + " (no such file: " + file + ")");
                } else if (hash >= 0 && file.toString().endsWith(".md")) {
                    Set<String> anchors = Markdown.anchors(file);
                    String anchor = target.substring(hash + 1);
                    if (!anchors.contains(anchor)) {
                        broken.add(where + " (no heading with that anchor; there are " + anchors + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "broken links");
        assertTrue(checked > 20, "only " + checked + " relative links found: is the link pattern still right?");
    }

    @Test
    void everyDocsPageIsLinkedFromTheReadme() {
        Set<String> linked = new TreeSet<>();
        for (Markdown.Link link : Markdown.links(Markdown.README)) {
            linked.add(link.target().replaceFirst("#.*", ""));
        }
        Set<String> unlinked = new TreeSet<>();
        for (Path page : Markdown.pages()) {
            String path = Markdown.README.toAbsolutePath().getParent().relativize(page.toAbsolutePath()).toString();
            if (!page.equals(Markdown.README) && !linked.contains(path)) {
                unlinked.add(path);
            }
        }
        assertEquals(Set.of(), unlinked, "docs pages the README does not link to");
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("3-plain-manifests-k8s", Markdown.slug("3. Plain manifests (`k8s/`)"));
        assertEquals("privacy-what-is-sent-to-the-model", Markdown.slug("Privacy: what is sent to the model"));
        assertEquals("the-bots-own-cost", Markdown.slug("The bot's own cost"));
        assertEquals("що-бот-уміє", Markdown.slug("Що бот уміє"));
    }
}
