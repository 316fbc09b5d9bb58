package io.pptpgw.interop.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmImageTest {

    @TempDir
    Path recipe;

    @Test
    void recipeHashIsStableAndFollowsEveryFile() throws IOException {
        Files.writeString(recipe.resolve("build.sh"), "debootstrap bookworm\n");
        Files.writeString(recipe.resolve("pptpgw-init"), "#!/bin/bash\n");
        String first = VmImage.recipeHash(recipe);

        assertThat(VmImage.recipeHash(recipe)).isEqualTo(first).matches("[0-9a-f]{16}");

        Files.writeString(recipe.resolve("pptpgw-init"), "#!/bin/bash\n# changed\n");
        assertThat(VmImage.recipeHash(recipe)).isNotEqualTo(first);
    }

    @Test
    void recipeHashSeesARenamedFile() throws IOException {
        Files.writeString(recipe.resolve("a"), "same");
        String before = VmImage.recipeHash(recipe);
        Files.move(recipe.resolve("a"), recipe.resolve("b"));

        assertThat(VmImage.recipeHash(recipe)).isNotEqualTo(before);
    }

    @Test
    void findsTheCheckedInRecipe() {
        Path found = VmImage.recipeDirectory();

        assertThat(found.resolve("build.sh")).isRegularFile();
        assertThat(found.resolve("pptpgw-init")).isRegularFile();
        assertThat(found.resolve("initramfs-init")).isRegularFile();
    }

    @Test
    void aCachedImageIsFoundWithoutBuilding(@TempDir Path cache) throws IOException {
        Files.writeString(recipe.resolve("build.sh"), "exit 1\n");
        Path image = Files.createDirectories(cache.resolve(VmImage.recipeHash(recipe)));
        for (String file : new String[] {"vmlinux", "initrd.img", "rootfs.img", "manifest.txt"}) {
            Files.writeString(image.resolve(file), file);
        }

        VmImage found = VmImage.ensureBuilt(recipe, cache);

        assertThat(found.builtNow()).isFalse();
        assertThat(found.kernel()).isEqualTo(image.resolve("vmlinux"));
        assertThat(found.manifest()).isEqualTo("manifest.txt");
    }

    @Test
    void concurrentCallersBuildOnceAndAllSeeTheWholeImage(@TempDir Path cache) throws IOException {
        Files.writeString(recipe.resolve("build.sh"), """
                set -e
                echo built >>"$(dirname "$1")/builds.txt"
                mkdir "$1"
                sleep 0.3
                for f in vmlinux initrd.img rootfs.img manifest.txt; do echo "$f" >"$1/$f"; done
                """);

        List<VmImage> images = List.of(
                        CompletableFuture.supplyAsync(() -> VmImage.ensureBuilt(recipe, cache)),
                        CompletableFuture.supplyAsync(() -> VmImage.ensureBuilt(recipe, cache)),
                        CompletableFuture.supplyAsync(() -> VmImage.ensureBuilt(recipe, cache)))
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(Files.readAllLines(cache.resolve("builds.txt"))).containsExactly("built");
        assertThat(images).filteredOn(VmImage::builtNow).hasSize(1);
        assertThat(images).allSatisfy(image -> assertThat(image.rootfs()).hasContent("rootfs.img"));
        try (var entries = Files.list(cache)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".build-"));
        }
    }

    @Test
    void aFailedBuildSaysSoAndLeavesNoImage(@TempDir Path cache) throws IOException {
        Files.writeString(recipe.resolve("build.sh"), "echo 'debootstrap: cannot reach the mirror' >&2; exit 7\n");

        assertThatThrownBy(() -> VmImage.ensureBuilt(recipe, cache))
                .hasMessageContaining("building the interop VM image failed")
                .hasMessageContaining("exited with status 7")
                .hasMessageContaining("debootstrap: cannot reach the mirror");
        assertThat(cache.resolve(VmImage.recipeHash(recipe))).doesNotExist();
    }
}
