package dev.newsletter.bounce.imap;

import dev.newsletter.bounce.MessageSource;
import dev.newsletter.config.InboxSettings;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;

/**
 * The messages of the configured IMAP folder ({@code inbox.folder}), each named {@code imap:<UID>},
 * in UID order.
 *
 * <p>{@link #reading} changes nothing on the server: the folder is opened read-only ({@code EXAMINE})
 * and every body is fetched with {@code BODY.PEEK}, so not even {@code \Seen} is set. {@link #moving}
 * opens it read-write and moves each message that the scan has recorded as processed ({@link
 * #processed}, called after the record is on disk) to {@code inbox.doneFolder} (created if missing):
 * by UID: {@code UID MOVE} when the server has it, else {@code UID COPY}, {@code \Deleted} and {@code EXPUNGE} ({@code
 * UID EXPUNGE} of that message alone with UIDPLUS). A crash between the record and the move leaves the
 * message in the folder; the next scan finds it recorded, applies nothing and moves it.
 *
 * <p>Only the first {@link #KEPT} bytes of a message are fetched (all the classifier reads); a message
 * that cannot be fetched is reported and left where it is. Connect, read and write timeouts are always
 * set ({@link ImapSessions}).
 */
public final class ImapMailbox implements MessageSource {
    static final int KEPT = 8 * 1024 * 1024;

    private final ImapLogin login;
    private final boolean moving;
    private final BooleanSupplier stop;
    private IMAPFolder folder;
    private Folder done;
    private String current;
    private boolean currentProcessed;

    private ImapMailbox(ImapLogin login, boolean moving, BooleanSupplier stop) {
        this.login = login;
        this.moving = moving;
        this.stop = stop;
    }

    /** A dry run's view of the folder: nothing on the server changes. */
    public static ImapMailbox reading(ImapLogin login) {
        return new ImapMailbox(login, false, () -> false);
    }

    /** An applying scan's folder: each message recorded as processed is moved to {@code inbox.doneFolder}. */
    public static ImapMailbox moving(ImapLogin login) {
        return new ImapMailbox(login, true, () -> false);
    }

    /**
     * The same folder, read only until {@code stop} says so (checked before each message): the daemon
     * stopping does not wait for a long backlog; the rest stays in the folder for the next scan.
     */
    public ImapMailbox until(BooleanSupplier stop) {
        return new ImapMailbox(login, moving, stop);
    }

    @Override
    public void forEach(Handler handler, Failure failure) {
        if (stop.getAsBoolean()) {
            return;
        }
        InboxSettings inbox = login.settings();
        IMAPStore store = login.connect();
        try {
            folder = (IMAPFolder) store.getFolder(inbox.folder());
            if (!folder.exists()) {
                throw login.unavailable(
                        "there is no folder '" + inbox.folder() + "' in the mailbox; check inbox.folder", null);
            }
            if (moving) {
                done = doneFolder(store, inbox.doneFolder());
            }
            folder.open(moving ? Folder.READ_WRITE : Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            FetchProfile uids = new FetchProfile();
            uids.add(UIDFolder.FetchProfileItem.UID);
            uids.add(FetchProfile.Item.SIZE); // to tell a message cut by a refused block (head)
            folder.fetch(messages, uids);
            for (Message message : messages) {
                if (stop.getAsBoolean()) {
                    break;
                }
                if (message.isExpunged()) {
                    continue; // another client removed it meanwhile
                }
                String source = "imap:" + folder.getUID(message);
                byte[] bytes;
                try {
                    bytes = head((IMAPMessage) message);
                } catch (FolderClosedException | StoreClosedException e) {
                    throw login.unavailable("the server closed the connection while reading " + source, e);
                } catch (MessagingException | IOException e) {
                    failure.unreadable(source, e instanceof IOException io ? io : new IOException(reason(e), e));
                    continue;
                }
                current = source;
                currentProcessed = false;
                try {
                    handler.message(source, new ByteArrayInputStream(bytes));
                } finally {
                    current = null;
                }
                if (currentProcessed) {
                    move(store, message, source);
                }
            }
        } catch (MessagingException e) {
            throw login.unavailable("cannot read folder '" + inbox.folder() + "'", e);
        } finally {
            close(store);
        }
    }

    @Override
    public void processed(String source) {
        if (moving && source.equals(current)) {
            currentProcessed = true;
        }
    }

    /**
     * The message's first {@link #KEPT} bytes, fetched with {@code BODY.PEEK} in blocks.
     *
     * @throws IOException when the server sent nothing for it
     */
    private static byte[] head(IMAPMessage message) throws MessagingException, IOException {
        message.setPeek(true);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try (InputStream in = message.getMimeStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (kept.size() < KEPT && (n = in.read(buffer, 0, Math.min(buffer.length, KEPT - kept.size()))) > 0) {
                kept.write(buffer, 0, n);
            }
        }
        if (kept.size() == 0) {
            // Angus answers a refused FETCH (NO) with an empty stream; no mail is empty, so this one was
            // not handed over, and must not be recorded as processed and moved unread
            throw new IOException("the server sent nothing for it (it refused the fetch); it stays in the folder");
        }
        int size = message.getSize();
        if (kept.size() < KEPT && size > kept.size() && kept.size() % ImapSessions.FETCH_SIZE == 0) {
            // the same for a refused later block: the stream ends exactly at a block boundary although
            // the server says there is more (a size that is only a little off, as some servers report
            // it, does not end a message exactly there)
            throw new IOException("the server sent " + kept.size() + " of its " + size
                    + " bytes and refused the rest; it stays in the folder");
        }
        return kept.toByteArray();
    }

    private Folder doneFolder(IMAPStore store, String name) throws MessagingException {
        Folder target = store.getFolder(name);
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
            throw login.unavailable(
                    "cannot create the folder '" + name + "' for processed messages; create it, or set"
                            + " inbox.doneFolder to an existing folder",
                    null);
        }
        return target;
    }

    /**
     * Moves one recorded message to the done folder; a failure stops the scan (it is moved next time).
     * By its UID, never by its sequence number: another client (the daemon's poll and a manual scan at
     * once, a person's mail program) may have removed messages meanwhile, and a sequence number this
     * session has not yet seen renumbered would name another, unread message. A UID that is gone is
     * no error (RFC 3501): the message left the folder all the same.
     */
    private void move(IMAPStore store, Message message, String source) {
        try {
            if (message.isExpunged()) {
                return; // another client (another scan) moved or deleted it meanwhile: gone from the folder all the
                // same
            }
            long uid = folder.getUID(message);
            String target = done.getFullName();
            if (store.hasCapability("MOVE")) {
                uidCommand("UID MOVE " + uid, target);
            } else {
                uidCommand("UID COPY " + uid, target);
                uidCommand("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)", null);
                uidCommand(store.hasCapability("UIDPLUS") ? "UID EXPUNGE " + uid : "EXPUNGE", null);
            }
        } catch (MessageRemovedException e) {
            // as above: removed by another client between the check and the move
        } catch (MessagingException e) {
            throw login.unavailable(
                    "could not move " + source + " to '" + done.getFullName()
                            + "' (it is recorded as processed and is moved by the next scan)",
                    e);
        }
    }

    /** Runs one command on the open folder ({@code mailbox}, if given, its last argument), as Angus runs its own. */
    private void uidCommand(String command, String mailbox) throws MessagingException {
        folder.doCommand(protocol -> {
            Argument args = null;
            if (mailbox != null) {
                args = protocol.supportsUtf8()
                        ? new Argument().writeString(mailbox, StandardCharsets.UTF_8)
                        : new Argument().writeString(BASE64MailboxEncoder.encode(mailbox));
            }
            Response[] answer = protocol.command(command, args);
            // EXPUNGE and flag answers reach the folder's message cache, as for Angus's own commands
            protocol.notifyResponseHandlers(answer);
            protocol.handleResult(answer[answer.length - 1]);
            return null;
        });
    }

    private void close(IMAPStore store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException e) {
            // closing: what happened before is what counts
        }
        try {
            store.close();
        } catch (MessagingException e) {
            // as above
        }
    }

    /**
     * What went wrong, in one line for a log or an error line: the exception's message and its cause's,
     * the first line only and control characters (a hostile server's terminal escapes) made spaces.
     */
    static String reason(Throwable e) {
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        }
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null) {
            text = text + ": " + e.getCause().getMessage();
        }
        return text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ").strip();
    }
}
