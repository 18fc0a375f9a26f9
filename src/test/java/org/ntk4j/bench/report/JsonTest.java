package org.ntk4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesNestedValues() {
        Object o = Json.parse(" {\"a\": [1, -2.5e3, true, null], \"b\": {\"c\": \"x\\\"y\\u0041\\n\"}, \"d\": false} ");
        Map<?, ?> m = (Map<?, ?>) o;
        assertEquals(List.of(1.0, -2500.0, true), ((List<?>) m.get("a")).subList(0, 3));
        assertEquals(null, ((List<?>) m.get("a")).get(3));
        assertEquals("x\"yA\n", ((Map<?, ?>) m.get("b")).get("c"));
        assertEquals(false, m.get("d"));
        assertEquals(List.of(), Json.parse("[]"));
        assertEquals(Map.of(), Json.parse("{}"));
    }

    @Test
    void quoteRoundTrips() {
        String s = "tab\there \"quoted\" back\\slash \u0001";
        assertEquals(s, Json.parse(Json.quote(s)));
    }

    @Test
    void nanStringsReadAsNaN() {
        assertTrue(Double.isNaN(Json.toDouble("NaN")));
        assertEquals(2.0, Json.toDouble(2.0));
        assertEquals(3.5, Json.toDouble("3.5"));
    }

    @Test
    void malformedInputNamesTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[tru]"));
    }
}
