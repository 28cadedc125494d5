// node-media-server 4.x ships plain JavaScript without typings. These declare only the parts the
// fake's ingest uses (see ingest.ts), typed from the 4.4.3 sources; a breaking change there shows up
// as a failing test of the ingest, not as a type error.

declare module 'node-media-server/src/session/base_session.js' {
  class BaseSession {
    id: string;
    /** "address:port" of the peer; "" marks an internal session (no play/publish events). */
    ip: string;
    /** "rtmp" or "flv": how the broadcast serialises packets for this session's sendBuffer. */
    protocol: string;
    streamApp: string;
    streamName: string;
    streamPath: string;
    /** Filled from the publisher's onMetaData; undefined when the metadata does not name the track. */
    videoCodec: number | undefined;
    audioCodec: number | undefined;
    inBytes: number;
    sendBuffer: (buffer: Buffer) => void;
    close: () => void;
  }
  export = BaseSession;
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  import BaseSession from 'node-media-server/src/session/base_session.js';
  class BroadcastServer {
    streamPath: string;
    publisher: BaseSession | null;
    /** How long a disconnected publisher's slot is kept for it to resume (default 30 s). */
    publishGraceMs: number;
    /** Adds a subscriber; returns an error text or null. */
    postPlay: (session: BaseSession) => string | null;
    donePlay: (session: BaseSession) => void;
    getPublishStatus: () => 'publishing' | 'reconnecting' | 'idle';
  }
  export = BroadcastServer;
}

declare module 'node-media-server/src/session/rtmp_session.js' {
  import type { Socket } from 'node:net';
  import BaseSession from 'node-media-server/src/session/base_session.js';
  import BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
  class RtmpSession extends BaseSession {
    constructor(socket: Socket);
    socket: Socket;
    broadcast: BroadcastServer;
    rtmp: {
      streamId: number;
      sendStatusMessage(streamId: number, level: string, code: string, description: string): void;
    };
    /** The socket's 'data' handler, read by run(). */
    onData: (data: Buffer) => void;
    run: () => void;
  }
  export = RtmpSession;
}

declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';
  const Context: { eventEmitter: EventEmitter };
  export = Context;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { log: (message: string, level?: string) => void };
  export = logger;
}
