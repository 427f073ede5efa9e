package io.krylovforge.learned.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device-neutral launch plan: buffer liveness, parameter layout and FLOP count (no device needed). */
class ConvNetScheduleTest {

    @Test
    void buffersAreReusedButNeverAliasALayersInputs() {
        Architecture arch = Architecture.dcdm(3, 16, 2, 3, 2, 8, 8, 8); // the paper's N = 64 shape
        ConvNetSchedule s = new ConvNetSchedule(new ConvNet(arch, 1), Grid.cube(9));
        List<ConvNetSchedule.Step> steps = s.steps();
        assertEquals(arch.layers().size(), steps.size());
        long full16 = 16L * 9 * 9 * 9;
        int fullBuffers = 0;
        for (long len : s.bufferLengths()) {
            fullBuffers += len == full16 ? 1 : 0;
        }
        // skip + h + t at full resolution, plus one for the upsample output next to the skip
        assertTrue(fullBuffers <= 4, "full-resolution 16-channel buffers: " + fullBuffers);
        assertTrue(s.bufferLengths().length < arch.layers().size() / 2, "buffers " + s.bufferLengths().length);
        for (ConvNetSchedule.Step st : steps) {
            assertNotEquals(st.in(), st.out(), st.toString());
            assertNotEquals(st.add(), st.out(), st.toString());
        }
        // a slot's buffer is not overwritten before its last reader: replay the plan symbolically
        int[] holder = new int[s.bufferLengths().length]; // which slot each buffer holds
        java.util.Arrays.fill(holder, -1);
        holder[s.inputBuffer()] = 0;
        for (int i = 0; i < steps.size(); i++) {
            Layer l = arch.layers().get(i);
            ConvNetSchedule.Step st = steps.get(i);
            assertEquals(l.src(), holder[st.in()], "layer " + i + " input");
            if (l.add() >= 0) {
                assertEquals(l.add(), holder[st.add()], "layer " + i + " residual");
            }
            holder[st.out()] = i + 1;
        }
        assertEquals(steps.size(), holder[s.outputBuffer()]);
    }

    @Test
    void deviceLayoutHoldsTheNetsParametersInPaddedOrder() {
        Architecture arch = Architecture.dcdm(3, 5, 1, 1, 1, 8, 8, 8); // 5 channels: padded to 16
        ConvNet net = new ConvNet(arch, 7);
        ConvNetSchedule s = new ConvNetSchedule(net, new Grid(4, 5, 6));
        double[] dev = s.parameters();
        double[] host = net.parameters();
        int kk = 27;
        for (int i = 0; i < arch.layers().size(); i++) {
            Layer l = arch.layers().get(i);
            ConvNetSchedule.Step st = s.steps().get(i);
            if (l.kind() == Layer.Kind.CONV) {
                assertEquals(0, st.wOff() % 2);
                assertEquals(0, st.bOff() % 2);
                int cop = ConvNetSchedule.padChannels(l.outChannels());
                int hw = net.tensorOffset("L" + i + ".w");
                for (int o = 0; o < cop; o++) {
                    for (int c = 0; c < st.inCh(); c++) {
                        for (int t = 0; t < kk; t++) {
                            double expected = o < l.outChannels() ? host[hw + (o * st.inCh() + c) * kk + t] : 0.0;
                            assertEquals(expected, dev[st.wOff() + (c * kk + t) * cop + o]);
                        }
                    }
                }
            } else if (l.kind() == Layer.Kind.DENSE) {
                int hw = net.tensorOffset("L" + i + ".w");
                for (int j = 0; j < l.outChannels() * st.inCh(); j++) {
                    assertEquals(host[hw + j], dev[st.wOff() + j]);
                }
            }
        }
    }

    @Test
    void flopCountAndGridChecks() {
        // 2D, 1 channel in, c = 4: conv 1->4, conv 4->4 (x2 per block) ..., dense 4->1
        Architecture arch = Architecture.dcdm(2, 4, 0, 0, 0, 8, 8, 1); // conv, pool, upsample, dense
        ConvNetSchedule s = new ConvNetSchedule(new ConvNet(arch, 1), new Grid(6, 5, 1));
        assertEquals(2.0 * 9 * 1 * 4 * 30 + 2.0 * 4 * 1 * 30, s.flopsPerForward());
        // POOL and UPSAMPLE are described by their fine grid (the pool's input, the upsample's output)
        assertEquals(ConvNetSchedule.Op.POOL, s.steps().get(1).op());
        assertEquals(List.of(6, 5, 1), List.of(s.steps().get(1).nx(), s.steps().get(1).ny(), s.steps().get(1).nz()));
        assertEquals(ConvNetSchedule.Op.UPSAMPLE, s.steps().get(2).op());
        assertEquals(30, s.steps().get(2).cells());
        assertEquals(8L * (30 + 4 * 30 + 4 * 3 * 3 + 4 * 30), s.activationBytes(), "input, conv, pool, upsample");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConvNetSchedule(new ConvNet(arch, 1), Grid.cube(3)));
        assertTrue(e.getMessage().contains("2D network"), e.getMessage());
    }
}
