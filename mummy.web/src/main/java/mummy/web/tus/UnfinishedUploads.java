package mummy.web.tus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unfinished uploads of one {@link TusUploads}: how many there are, held to its
 * {@link TusUploads#maxUploads() maxUploads}, and when each expires (tus 1.0.0, Expiration). An
 * upload is unfinished from its creation until its last byte is stored. It expires
 * {@link TusUploads#expireAfter() expireAfter} after its creation or the end of its last
 * {@code PATCH} (whatever that PATCH answered), and is then deleted; an upload with a PATCH under
 * way (its lock held) never expires. Completed uploads are the application's: they neither count
 * nor expire.
 *
 * <p>Expired uploads are removed without a thread of their own, by the requests to the handler:
 * <ul>
 *   <li>a request to an expired upload deletes it and is answered 410 Gone
 *       ({@link #expireIfDue}); later ones get 404, as for any unknown upload;
 *   <li>any request, once answered, runs a {@link #sweep} of every unfinished upload when the
 *       last one began at least {@link #sweepInterval} ago ({@link #sweepIfDue}), on its own
 *       worker thread; and a creation that finds the count at its limit runs one before it
 *       refuses ({@link #reserve}).
 * </ul>
 * A handler that gets no requests keeps its expired files until the next one; there are at most
 * {@code maxUploads} of them, of at most {@code maxSize} bytes each.
 *
 * <p>The index lives in memory, one entry per unfinished upload: at most {@code maxUploads}
 * entries, or what a directory held when the handler was built if that was more (creations are
 * refused until they finish or expire). It is rebuilt from the directory when the handler is
 * built: each unfinished upload expires {@code expireAfter} after its data file's modification
 * time ({@link UploadStore#touch}); the leftovers of a crash are deleted, and what expired
 * meanwhile is swept.
 *
 * <p>Threading: safe for any number of workers. The count is reserved by compare-and-set before
 * a creation and released if it fails, so concurrent creations never pass {@code maxUploads}; an
 * entry changes only under its upload's lock ({@link UploadStore#tryLock}), or before the
 * upload's URL is handed out.
 */
final class UnfinishedUploads {

    private static final System.Logger LOG = System.getLogger("mummy.tus");
    /** The longest time between two sweeps of a handler that gets requests. */
    private static final Duration LONGEST_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final UploadStore store;
    private final int maxUploads;
    private final Duration expireAfter;
    private final InstantSource clock;
    private final Duration sweepInterval;
    /** When each unfinished upload expires, by id; bounded as the class documentation says. */
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    /** The entries of {@link #expiries} plus the creations under way: what maxUploads bounds. */
    private final AtomicInteger count = new AtomicInteger();
    /** The clock's milliseconds from which the next request sweeps. */
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    /**
     * The unfinished uploads of {@code store}, read from its directory.
     *
     * @param store the uploads' files
     * @param maxUploads the most unfinished uploads at once, at least 1
     * @param expireAfter how long an upload may go without a PATCH, positive
     * @param clock the time
     * @throws UncheckedIOException if the directory cannot be read
     */
    UnfinishedUploads(UploadStore store, int maxUploads, Duration expireAfter, InstantSource clock) {
        this.store = store;
        this.maxUploads = maxUploads;
        this.expireAfter = expireAfter;
        this.clock = clock;
        this.sweepInterval = expireAfter.compareTo(LONGEST_SWEEP_INTERVAL) < 0 ? expireAfter : LONGEST_SWEEP_INTERVAL;
        load();
    }

    /**
     * How long a handler that gets requests waits at most between two sweeps: a minute, or
     * {@code expireAfter} when that is shorter.
     *
     * @return the interval
     */
    Duration sweepInterval() {
        return sweepInterval;
    }

    /**
     * The unfinished uploads counted against {@code maxUploads}, creations under way included.
     *
     * @return the count
     */
    int count() {
        return count.get();
    }

    /**
     * Takes a place for an upload about to be created; when none is left, sweeps and tries again.
     * A place taken must become an upload ({@link #created}) or be given back ({@link #cancel}).
     *
     * @return true if taken; false when {@code maxUploads} unfinished uploads remain after a sweep
     */
    boolean reserve() {
        if (tryReserve()) {
            return true;
        }
        sweep();
        return tryReserve();
    }

    /** Gives back a place taken by {@link #reserve} for a creation that failed. */
    void cancel() {
        count.decrementAndGet();
    }

    /**
     * Turns a reserved place into the upload just created, or gives it back when the upload is
     * already complete (an {@code Upload-Length} of 0).
     *
     * @param upload the new upload
     * @return when it expires, or null when it is complete
     */
    Instant created(StoredUpload upload) {
        if (upload.length() == 0) {
            cancel();
            return null;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(expireAfter);
        expiries.put(upload.id(), expires);
        touch(upload.id(), now);
        return expires;
    }

    /**
     * Starts the upload's time again at the end of a PATCH; the caller holds its lock.
     *
     * @param id the upload's id
     * @return when it expires now, or null when it is not unfinished (completed before)
     */
    Instant renew(String id) {
        Instant now = clock.instant();
        Instant expires = expiries.computeIfPresent(id, (key, old) -> now.plus(expireAfter));
        if (expires != null) {
            touch(id, now);
        }
        return expires;
    }

    /**
     * Forgets an upload that is no longer unfinished: its last byte was stored, or it was
     * terminated or expired. The caller holds its lock. Nothing happens for an upload not counted.
     *
     * @param id the upload's id
     */
    void finished(String id) {
        if (expiries.remove(id) != null) {
            count.decrementAndGet();
        }
    }

    /**
     * When the upload expires.
     *
     * @param id the upload's id
     * @return the time, or null when it does not expire (it is complete, or unknown)
     */
    Instant expiresAt(String id) {
        return expiries.get(id);
    }

    /**
     * Deletes the upload if its time is up and no PATCH of it is under way.
     *
     * @param id the upload's id
     * @return true if it expired: its URL is to answer 410 Gone
     */
    boolean expireIfDue(String id) {
        Instant expires = expiries.get(id);
        if (expires == null) {
            return false;
        }
        Instant now = clock.instant();
        return !expires.isAfter(now) && expire(id, now);
    }

    /** Runs a {@link #sweep} if the last one began at least {@link #sweepInterval} ago. */
    void sweepIfDue() {
        long now = clock.millis();
        long next = nextSweep.get();
        if (now >= next && nextSweep.compareAndSet(next, now + sweepInterval.toMillis())) {
            sweep();
        }
    }

    /**
     * Deletes every unfinished upload whose time is up and that no PATCH holds. Costs one look at
     * each entry in memory, and file system work only for the expired ones.
     *
     * @return how many expired
     */
    int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        // Weakly consistent: entries added or removed meanwhile may or may not be seen, and are
        // checked again under their lock.
        for (Map.Entry<String, Instant> entry : expiries.entrySet()) {
            if (!entry.getValue().isAfter(now) && expire(entry.getKey(), now)) {
                expired++;
            }
        }
        return expired;
    }

    /** Deletes the upload if, under its lock, its time is still up; true if it was. */
    private boolean expire(String id, Instant now) {
        if (!store.tryLock(id)) {
            return false;
        }
        try {
            Instant expires = expiries.get(id);
            if (expires == null || expires.isAfter(now)) {
                return false;
            }
            store.delete(id);
            finished(id);
            LOG.log(System.Logger.Level.DEBUG, "tus.expired: {0}, idle since {1}", id, expires.minus(expireAfter));
        } catch (IOException e) {
            // Still counted, and tried again by the next sweep; refused meanwhile all the same.
            LOG.log(System.Logger.Level.WARNING, "tus.expiry.failed: cannot delete expired upload " + id, e);
        } finally {
            store.unlock(id);
        }
        return true;
    }

    /** Records the upload's last activity on disk, for a restart; its expiry does not depend on it. */
    private void touch(String id, Instant now) {
        try {
            store.touch(id, now);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "tus.touch.failed: upload " + id
                    + " keeps the file system's time as its last activity after a restart", e);
        }
    }

    private boolean tryReserve() {
        for (int n = count.get(); n < maxUploads; n = count.get()) {
            if (count.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    private void load() {
        try {
            int leftovers = store.removeLeftovers();
            if (leftovers > 0) {
                LOG.log(System.Logger.Level.INFO, "tus.leftovers.removed: {0} files of interrupted creations"
                        + " or terminations in {1}", leftovers, store.directory());
            }
            for (String id : store.ids()) {
                loadOne(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tus upload directory " + store.directory(), e);
        }
        sweep();
    }

    private void loadOne(String id) {
        try {
            StoredUpload upload = store.find(id);
            if (upload != null && upload.offset() < upload.length()) {
                expiries.put(id, store.lastActivity(id).plus(expireAfter));
                count.incrementAndGet();
            }
        } catch (NoSuchFileException e) {
            // Its data file was moved away by the application once complete: nothing to expire.
            LOG.log(System.Logger.Level.DEBUG, "tus.load.moved: upload {0} has no data file", id);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "tus.load.skipped: upload " + id
                    + " is neither counted nor expired", e);
        }
    }
}
