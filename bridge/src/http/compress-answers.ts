import compression from 'compression';

/**
 * The API's answers from 1 KB up in brotli or gzip, when the client takes it
 * (brotli first, as the static files): a room's state, the OpenAPI
 * description, the admin page's lists and CSV exports travel in a fraction of
 * their size. Compressed as a stream (brotli at quality 4, gzip at level 6),
 * so no answer is held whole a second time. The live channel (socket.io)
 * never passes here: its engine takes its requests before express does, and
 * compresses its long-polling answers itself. The API has no server-sent
 * event stream; one added would have to be left out here, as a compressor
 * holds events back until its buffer fills.
 */
export const compressAnswers = compression({ threshold: 1024 });
