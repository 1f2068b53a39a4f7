package dev.jtls.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The client-side HTTP/1.1 codec: Netty's request decoder in its strictest setting (RFC 9112 §2.2 bare
 * LF refused, §6.1 Transfer-Encoding rules, no duplicate Content-Length, header names validated, size
 * limits) plus what it leaves through: obs-fold (RFC 9112 §5.2), which Netty silently unfolds, is
 * detected in the raw header bytes and marks the request as failed so it is answered 400. Responses
 * to HEAD carry no body (RFC 9110 §9.3.2), which the encoder learns from the decoded methods, as
 * Netty's own HttpServerCodec does.
 */
public final class StrictServerCodec extends CombinedChannelDuplexHandler<StrictServerCodec.Decoder, StrictServerCodec.Encoder> {

    /** RFC 9112 §5.2 obs-fold was seen in a request head. */
    public static final class ObsFoldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ObsFoldException() {
            super("obsolete line folding (obs-fold) in a request header is refused (RFC 9112 §5.2)");
        }
    }

    public StrictServerCodec(int maxInitialLine, int maxHeaderBytes) {
        ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLine)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(64 << 10)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true)
                .setAllowPartialChunks(true);
        init(new Decoder(config, methods), new Encoder(methods));
    }

    /** Netty's request decoder with an obs-fold scan over exactly the head bytes it consumes. */
    public static final class Decoder extends HttpRequestDecoder {
        private final ArrayDeque<HttpMethod> methods;
        private boolean inHead = true;
        /** How much of CRLFCRLF was just seen: 0 none, 1 CR, 2 CRLF, 3 CRLFCR. */
        private int endState;
        private boolean lineStart;
        private boolean sawContent;
        private boolean folded;

        Decoder(HttpDecoderConfig config, ArrayDeque<HttpMethod> methods) {
            super(config);
            this.methods = methods;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int from = buffer.readerIndex();
            int sizeBefore = out.size();
            super.decode(ctx, buffer, out);
            int to = buffer.readerIndex();
            for (int i = from; i < to && inHead; i++) {
                scan(buffer.getByte(i));
            }
            for (int i = sizeBefore; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof HttpRequest) {
                    HttpRequest request = (HttpRequest) o;
                    if (folded && request.decoderResult().isSuccess()) {
                        request.setDecoderResult(DecoderResult.failure(new ObsFoldException()));
                    }
                    methods.add(request.method());
                }
                if (o instanceof LastHttpContent) {
                    inHead = true;
                    endState = 0;
                    lineStart = false;
                    sawContent = false;
                    folded = false;
                }
            }
        }

        private void scan(byte b) {
            // RFC 9112 §5.2: obs-fold = OWS CRLF RWS, i.e. a header line that starts with SP or HTAB.
            if (lineStart && (b == ' ' || b == '\t')) {
                folded = true;
            }
            lineStart = false;
            if (b == '\r') {
                endState = endState == 2 ? 3 : 1;
            } else if (b == '\n') {
                // RFC 9112 §2.2: empty lines before the request line are skipped, not an end of head.
                if (endState == 3 && sawContent) {
                    inHead = false;
                }
                endState = endState == 1 ? 2 : 0;
                lineStart = endState == 2 && sawContent;
            } else {
                endState = 0;
                sawContent = true;
            }
        }
    }

    /** Netty's response encoder, told which responses answer HEAD (their body is always empty). */
    public static final class Encoder extends HttpResponseEncoder {
        private final ArrayDeque<HttpMethod> methods;
        private HttpMethod current;

        Encoder(ArrayDeque<HttpMethod> methods) {
            this.methods = methods;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() != io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                current = methods.poll();
            }
            return HttpMethod.HEAD.equals(current) || super.isContentAlwaysEmpty(msg);
        }
    }
}
