package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class ContextSmokeTest {

    @Test
    void localContextRunsAJobOnLoopback() {
        try (JavaSparkContext sc = LocalSpark.start("smoke")) {
            assertEquals("127.0.0.1", sc.getConf().get("spark.driver.host"));
            assertEquals(2 * 3 * 4, (int) sc.parallelize(List.of(2, 3, 4), 3).reduce((a, b) -> a * b));
        }
    }
}
