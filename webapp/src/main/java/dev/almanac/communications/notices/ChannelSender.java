package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;

/** Sends one delivery on one channel; throws with a readable message when it could not. */
interface ChannelSender {

    Channel channel();

    /**
     * @param dedupeKey the delivery's key, sent along so a receiver can drop a repeat after a crash
     */
    void send(Notices.Notice notice, String address, String dedupeKey) throws Exception;
}
