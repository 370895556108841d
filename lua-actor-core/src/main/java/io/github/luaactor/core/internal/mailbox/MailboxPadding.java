package io.github.luaactor.core.internal.mailbox;

/** A cache line between a {@link Mailbox}'s consumer fields and its producer fields. */
@SuppressWarnings("unused")
abstract class MailboxPadding extends MailboxConsumerFields {
    private byte p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
    private byte p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
    private byte p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
    private byte p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;

    MailboxPadding(boolean sharedConsumer) {
        super(sharedConsumer);
    }
}
