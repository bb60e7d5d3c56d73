/**
 * What the starter reports about itself: {@link io.github.wxlogin.metrics.WxLoginMetrics}
 * is called by the other packages (it has no Micrometer types);
 * {@link io.github.wxlogin.metrics.MicrometerWxLoginMetrics} records it in a Micrometer
 * {@code MeterRegistry} when one is present.
 */
@NullMarked
package io.github.wxlogin.metrics;

import org.jspecify.annotations.NullMarked;
