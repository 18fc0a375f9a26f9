package org.ntk4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' Spark: local[2] on loopback only, no UI, one context per JVM at a time. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start(String name) {
        return start(name, 2);
    }

    static JavaSparkContext start(String name, int threads) {
        SparkConf conf = new SparkConf()
                .setMaster("local[" + threads + "]")
                .setAppName(name)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        return new JavaSparkContext(conf);
    }
}
