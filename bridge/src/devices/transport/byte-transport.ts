/** A byte pipe to a device: a serial port, a TCP connection, a pseudo-terminal, or an in-process simulator. */
export interface ByteTransport {
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}
