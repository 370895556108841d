package io.github.luaactor.bench;

import tools.jackson.databind.json.JsonMapper;

/** One run of {@link DensityProbe}: the JSON object it prints after {@code DENSITY }. */
record Density(String impl, int actors, double bytesPerActor, double startMillis, long heapBefore, long heapAfter) {

    static Density parse(String json) {
        return JsonMapper.shared().readValue(json, Density.class);
    }
}
