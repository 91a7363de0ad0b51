// The UI tests render Ink, which lays out with yoga: its module is patched to
// load without a top-level await (README, "Dependencies and why"), so what
// renders must wait for it, as components/run.tsx does in the product.
import { yogaReady } from 'yoga-layout';

await yogaReady;
