/** What the API server, the controllers and the kubelet share: the store, the clock and the knobs. */
import { Store } from './store.js';
import { SimClock } from './clock.js';
import { EventRecorder } from './events.js';
import type { Scenario, ScenarioRule, Timings } from './scenario.js';
import { DEFAULT_TIMINGS } from './scenario.js';
import type { SimNode } from './nodes.js';
import { DEFAULT_NODES } from './nodes.js';
import type { PodRuntime } from './controllers/kubelet.js';

export interface ClusterOptions {
  speed?: number;
  scenario?: Scenario;
  nodes?: SimNode[];
  knownImages?: (image: string) => boolean | Promise<boolean>;
}

export class Cluster {
  readonly store = new Store();
  readonly clock: SimClock;
  readonly events: EventRecorder;
  readonly timings: Timings;
  rules: ScenarioRule[];
  readonly nodes: SimNode[];
  /** Per-pod state the kubelet keeps outside the API object (timers, logs), by pod uid. */
  readonly pods = new Map<string, PodRuntime>();
  private readonly knownImages: ((image: string) => boolean | Promise<boolean>) | undefined;
  private readonly imageAnswers = new Map<string, { value: boolean | 'pending'; at: number }>();

  constructor(options: ClusterOptions = {}) {
    this.clock = new SimClock(options.speed ?? 1);
    this.events = new EventRecorder(this.store);
    this.timings = { ...DEFAULT_TIMINGS, ...options.scenario?.timings };
    this.rules = [...(options.scenario?.rules ?? [])];
    this.nodes = options.nodes ?? DEFAULT_NODES;
    this.knownImages = options.knownImages;
  }

  /** Set by the controller loop: run a pass soon (e.g. when an async registry answer arrives). */
  poke: () => void = () => undefined;

  /** The earliest simulated time a controller asked to be woken at; the loop sleeps until then. */
  nextWakeSim = Number.POSITIVE_INFINITY;

  /** True once simulated time reaches `simMs`; otherwise asks for a wake-up then. */
  due(simMs: number): boolean {
    if (this.clock.now() >= simMs) return true;
    if (simMs < this.nextWakeSim) this.nextWakeSim = simMs;
    return false;
  }

  /** Whether the registry has the image: true/false, or undefined while an async hook answers. */
  imageKnown(image: string): boolean | undefined {
    if (!this.knownImages) return true;
    // Answers are kept briefly, so a later pull attempt sees an image pushed in the meantime.
    const cached = this.imageAnswers.get(image);
    if (cached?.value === 'pending') return undefined;
    if (cached && Date.now() - cached.at < 500) return cached.value;
    let answer: boolean | Promise<boolean>;
    try {
      answer = this.knownImages(image);
    } catch {
      answer = false;
    }
    if (typeof answer === 'boolean') {
      this.imageAnswers.set(image, { value: answer, at: Date.now() });
      return answer;
    }
    this.imageAnswers.set(image, { value: 'pending', at: Date.now() });
    answer.then(
      (known) => {
        this.imageAnswers.set(image, { value: known, at: Date.now() });
        this.poke();
      },
      () => {
        this.imageAnswers.set(image, { value: false, at: Date.now() });
        this.poke();
      },
    );
    return undefined;
  }

  /** Forget registry answers, e.g. after an image was pushed (a retried pull then succeeds). */
  forgetImages(): void {
    this.imageAnswers.clear();
  }
}
