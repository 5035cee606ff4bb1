// Minimal types for autocannon 9 (it ships none): only what bench/run.ts uses.
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      headers?: Record<string, string>;
      duration?: number;
      connections?: number;
      requests?: { method?: string; path?: string; setupRequest?: (req: any) => any }[];
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      non2xx: number;
    }
  }
  function autocannon(
    opts: autocannon.Options,
    cb: (err: Error | null, res: autocannon.Result) => void,
  ): unknown;
  export default autocannon;
}
