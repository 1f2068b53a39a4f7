/**
 * The TLS 1.2 record layer (RFC 5246 §6) and the wire codec.
 *
 * <ul>
 *   <li>{@link dev.jtls.record.TlsReader} / {@link dev.jtls.record.TlsWriter}: the presentation
 *       language (RFC 5246 §4) with bounded sub-readers; a parser can only fail with
 *       {@link dev.jtls.record.TlsAlertException}.</li>
 *   <li>{@link dev.jtls.record.RecordDeframer}, {@link dev.jtls.record.RecordReader},
 *       {@link dev.jtls.record.RecordWriter}, {@link dev.jtls.record.HandshakeReassembler}:
 *       framing, limits and fragmentation.</li>
 *   <li>{@link dev.jtls.record.RecordProtection}: the sealed family of protection states
 *       (null, AEAD, CBC+HMAC), in place, with the sequence number passed in.</li>
 * </ul>
 */
package dev.jtls.record;
