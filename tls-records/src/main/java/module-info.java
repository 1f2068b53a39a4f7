/** jtls record layer (RFC 5246 section 6): framing, protection, alerts ({@code TlsAlertException}). */
module dev.jtls.records {
    // dev.jtls.crypto types (CryptoProvider, cipher suites' primitives) appear in this module's API.
    requires transitive dev.jtls.crypto;

    exports dev.jtls.record;
}
