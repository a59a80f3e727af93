package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsProperties;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP (spring.mail.*). The Message-ID is derived from the dedupe key, so a repeat after
 * a crash is the same message.
 */
@Component
class EmailSender implements ChannelSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final CommunicationsProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, CommunicationsProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Notices.Notice notice, String address, String dedupeKey) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException(
                    "No SMTP server is configured: set spring.mail.host (and port, username, password).");
        }
        String messageId =
                "<"
                        + java.util.HexFormat.of()
                                .formatHex(
                                        java.security.MessageDigest.getInstance("SHA-256")
                                                .digest(dedupeKey.getBytes(StandardCharsets.UTF_8)))
                                .substring(0, 32)
                        + "@almanac>";
        MimeMessage message =
                new MimeMessage(sender.createMimeMessage().getSession()) {
                    @Override
                    protected void updateMessageID() throws jakarta.mail.MessagingException {
                        setHeader("Message-ID", messageId);
                    }
                };
        MimeMessageHelper helper =
                new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.mailFrom());
        helper.setTo(address);
        helper.setSubject("[Almanac] " + notice.subject());
        StringBuilder text = new StringBuilder(notice.body());
        if (notice.link() != null) {
            text.append("\n\n")
                    .append(
                            notice.link().startsWith("http")
                                    ? notice.link()
                                    : properties.baseUrl() + notice.link());
        }
        text.append("\n\n-- \nYou get this as a stakeholder of ")
                .append(notice.releaseKey() == null ? "Almanac" : notice.releaseKey())
                .append(". Choose what reaches you: ")
                .append(properties.baseUrl())
                .append("/notices/preferences");
        helper.setText(text.toString());
        message.setHeader("X-Almanac-Notice", notice.type());
        message.setHeader("X-Almanac-Delivery", dedupeKey);
        sender.send(message);
    }
}
