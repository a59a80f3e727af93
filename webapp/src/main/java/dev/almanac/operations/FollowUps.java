package dev.almanac.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Work that follows a commit and needs the database (an upstream step ended: its downstream
 * releases check again; a deploy ended: its notes are drafted; windows changed: waiting deploys are
 * re-timed) runs here, on its own threads, each task in its own transaction.
 *
 * <p>Spring calls after-commit listeners while the committed transaction still holds its
 * connection, so a listener that opened a transaction of its own there held two connections at
 * once: under load every request held one and waited for a second, and the pool deadlocked. Here
 * the request gives its connection back first. A follow-up that is lost with its node is made good
 * by what the engine keeps: a release waiting for its upstream asks again on its recheck timer.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
public class FollowUps {

    /** The executor's bean name, for {@code @Async(FollowUps.EXECUTOR)}. */
    public static final String EXECUTOR = "followUpExecutor";

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor followUps(
            @org.springframework.beans.factory.annotation.Value("${almanac.follow-ups.threads:2}")
                    int threads,
            @org.springframework.beans.factory.annotation.Value("${almanac.follow-ups.queue:10000}")
                    int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("follow-up-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(20);
        executor.setRejectedExecutionHandler(
                (task, pool) ->
                        log.warn(
                                "{} follow-ups are waiting; one more is left to the engine's"
                                        + " rechecks",
                                pool.getQueue().size()));
        return executor;
    }
}
