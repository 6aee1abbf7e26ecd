package mummy.web.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadStoreTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../../etc/passwd", "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcd/.",
        "0123456789abcdef0123456789abcd..", "0123456789abcdef0123456789abcde\u0000", "..%2F..%2F..%2F..%2F..%2F..%2Fx"})
    void anythingButThirtyTwoLowercaseHexDigitsIsNoId(String id) {
        assertFalse(UploadStore.isValidId(id));
    }

    @Test
    void createdUploadsHaveFreshValidIdsAndStartEmpty() throws Exception {
        UploadStore store = new UploadStore(directory);
        StoredUpload a = store.create(10, UploadMetadata.empty());
        StoredUpload b = store.create(10, UploadMetadata.empty());
        assertTrue(UploadStore.isValidId(a.id()), a.id());
        assertNotEquals(a.id(), b.id());
        assertEquals(0, a.offset());
        assertEquals(directory.resolve(a.id() + ".bin"), a.data());
    }

    @Test
    void aStoreOnTheSameDirectoryFindsTheUploadAndItsBytes() throws Exception {
        UploadMetadata metadata = UploadMetadata.parse("filename YS50eHQ=,empty");
        StoredUpload created = new UploadStore(directory).create(1234, metadata);
        Files.write(created.data(), new byte[77]);
        StoredUpload found = new UploadStore(directory).find(created.id());
        assertEquals(created, found);
        assertEquals(77, found.offset());
        assertEquals("a.txt", found.metadata().text("filename"));
    }

    @Test
    void deletedOrNeverCreatedUploadsAreNotFound() throws Exception {
        UploadStore store = new UploadStore(directory);
        StoredUpload upload = store.create(5, UploadMetadata.empty());
        store.delete(upload);
        assertNull(store.find(upload.id()));
        assertNull(store.find("0123456789abcdef0123456789abcdef"));
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count(), "no file is left behind");
        }
    }

    @Test
    void theLockIsTakenOnceUntilReleased() {
        UploadStore store = new UploadStore(directory);
        assertTrue(store.tryLock("a"));
        assertFalse(store.tryLock("a"));
        assertTrue(store.tryLock("b"), "locks are per upload");
        store.unlock("a");
        assertTrue(store.tryLock("a"));
    }

    @Test
    void theLastActivityIsTheDataFilesModificationTimeAsTouched() throws Exception {
        UploadStore store = new UploadStore(directory);
        StoredUpload upload = store.create(5, UploadMetadata.empty());
        Instant time = Instant.parse("2030-06-07T08:09:10.123Z");
        store.touch(upload.id(), time);
        assertEquals(time, new UploadStore(directory).lastActivity(upload.id()));
    }

    @Test
    void idsAreTheUploadsWithAnInfoFile() throws Exception {
        UploadStore store = new UploadStore(directory);
        StoredUpload a = store.create(5, UploadMetadata.empty());
        StoredUpload b = store.create(5, UploadMetadata.empty());
        Files.writeString(directory.resolve("README.info"), "not an upload");
        assertEquals(List.of(a.id(), b.id()).stream().sorted().toList(), store.ids().stream().sorted().toList());
        store.delete(a.id());
        assertEquals(List.of(b.id()), store.ids());
    }

    @Test
    void leftoversOfAnInterruptedCreationOrDeletionAreRemovedAndNothingElse() throws Exception {
        UploadStore store = new UploadStore(directory);
        StoredUpload kept = store.create(5, UploadMetadata.empty());
        String noInfo = "0123456789abcdef0123456789abcdef";
        Files.write(directory.resolve(noInfo + ".bin"), new byte[3]);
        Files.writeString(directory.resolve("00000000000000000000000000000000.info.tmp"), "length=5");
        Files.write(directory.resolve("photo.bin"), new byte[1]);
        assertEquals(2, store.removeLeftovers());
        try (var files = Files.list(directory)) {
            assertEquals(List.of(kept.id() + ".bin", kept.id() + ".info", "photo.bin").stream().sorted().toList(),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }
}
