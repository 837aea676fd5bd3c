package dev.newsletter.http;

import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Which handler answers a request: the signup routes ({@code …/subscribe}, {@code …/confirm}) when
 * the project has {@code signup:}, everything else the unsubscribe endpoint (which answers 404 for
 * paths it does not serve).
 */
final class Routes extends Handler.Abstract {
    private final UnsubscribeHandler unsubscribe;
    private final Optional<SignupHandler> signup;
    private final ClientConnections connections;

    Routes(UnsubscribeHandler unsubscribe, Optional<SignupHandler> signup, ClientConnections connections) {
        this.unsubscribe = unsubscribe;
        this.signup = signup;
        this.connections = connections;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (signup.isEmpty() || !SignupHandler.serves(path)) {
            return unsubscribe.handle(request, response, callback);
        }
        connections.headersArrived(request.getConnectionMetaData().getConnection());
        Reply reply = new Reply(response, callback);
        try {
            signup.get().handle(request, reply);
        } catch (RuntimeException e) {
            reply.send(
                    HttpStatus.INTERNAL_SERVER_ERROR_500,
                    Pages.message("Something went wrong", "Please try again later."));
        }
        return true;
    }
}
