package dev.newsletter.bounce;

import java.io.InputStream;

/** One message on standard input (a Postfix {@code pipe} transport, procmail, fetchmail), named {@code stdin}. */
public final class SingleMessage implements MessageSource {
    private final InputStream in;

    public SingleMessage(InputStream in) {
        this.in = in;
    }

    @Override
    public void forEach(Handler handler, Failure failure) {
        handler.message("stdin", in);
    }
}
