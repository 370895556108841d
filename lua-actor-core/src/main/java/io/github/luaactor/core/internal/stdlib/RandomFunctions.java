package io.github.luaactor.core.internal.stdlib;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code math.random} and {@code math.randomseed} with one generator per actor VM, so that one actor's
 * {@code randomseed} never decides another's numbers (LuaJ keeps one generator in its shared math library). The
 * generator is SplitMix64 ({@link SplittableRandom}): {@code randomseed(x)} makes the sequence a function of the
 * whole part of {@code x}; before any seed each VM starts from a random seed (C Lua starts every process from the
 * same one, which would give every actor the same numbers).
 */
public final class RandomFunctions {
    private RandomFunctions() {
    }

    /** One VM's generator; created on first use. */
    public static final class State {
        private SplittableRandom random;

        double next() {
            if (random == null) {
                random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            }
            return random.nextDouble();
        }

        void seed(long seed) {
            random = new SplittableRandom(seed);
        }
    }

    /** {@code math.random([m [, n]])} as in Lua 5.2: {@code floor(r * (n - m + 1)) + m} for r in [0, 1). */
    public static LuaValue random(Supplier<State> states) {
        return new Random(states);
    }

    /** {@code math.randomseed(x)}. */
    public static LuaValue randomseed(Supplier<State> states) {
        return new RandomSeed(states);
    }

    private static final class Random extends VarArgFunction {
        private final Supplier<State> states;

        Random(Supplier<State> states) {
            this.states = states;
            this.name = "random";
        }

        @Override
        public Varargs invoke(Varargs args) {
            double r = states.get().next();
            double low;
            double high;
            switch (args.narg()) {
                case 0 -> {
                    return valueOf(r);
                }
                case 1 -> {
                    low = 1;
                    high = args.checkdouble(1);
                    if (low > high) {
                        throw new LuaError("bad argument #1 to 'random' (interval is empty)");
                    }
                }
                case 2 -> {
                    low = args.checkdouble(1);
                    high = args.checkdouble(2);
                    if (low > high) {
                        throw new LuaError("bad argument #2 to 'random' (interval is empty)");
                    }
                }
                default -> throw new LuaError("wrong number of arguments");
            }
            return valueOf(Math.floor(r * (high - low + 1)) + low);
        }
    }

    private static final class RandomSeed extends VarArgFunction {
        private final Supplier<State> states;

        RandomSeed(Supplier<State> states) {
            this.states = states;
            this.name = "randomseed";
        }

        @Override
        public Varargs invoke(Varargs args) {
            states.get().seed((long) args.checkdouble(1));
            return NONE;
        }
    }
}
