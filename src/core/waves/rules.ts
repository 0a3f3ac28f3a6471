// The wave rules: agents not in the roster, references to waves that do not exist, waves that
// block each other in a cycle, and agents that start before the playbook's sequencing allows.
import type { Finding } from '../findings';
import type { WaveEdge, WaveRoster } from './graph';
import { stageIndex, waveEdges } from './graph';
import type { WaveOutline } from './outline';

/** Findings of the wave rules, from the waves as written. */
export function lintWaves(waves: readonly WaveOutline[], roster: WaveRoster): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(roster.agents.map((a) => a.toLowerCase()));
  const names = waves.filter((w) => w.id !== undefined).map((w) => w.name);
  const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  for (const wave of waves) {
    for (const agent of wave.agentNames) {
      if (known.has(agent.name.toLowerCase())) continue;
      const suggestion = closest(agent.name, roster.agents);
      findings.push({
        rule: 'wave-unknown-agent',
        severity: 'warning',
        range: agent.range,
        message: `${wave.name} names the agent "${agent.name}", who is not in the roster (${roster.agents.join(', ')})${suggestion ? `: did you mean ${suggestion}?` : '.'}`,
      });
    }
    for (const reference of wave.references) {
      if (reference.target !== undefined) continue;
      findings.push({
        rule: 'wave-unknown-reference',
        severity: 'error',
        range: reference.range,
        message: `${wave.name} refers to ${reference.text}, which this plan does not have${names.length ? ` (its waves: ${listed})` : ''}.`,
      });
    }
  }
  findings.push(...cycleFindings(waves), ...sequenceFindings(waves, roster.waveSequencing));
  return findings;
}

function closest(name: string, roster: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const agent of roster) {
    const distance = editDistance(name.toLowerCase(), agent.toLowerCase());
    if (distance < bestDistance) {
      best = agent;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

// One finding per cycle (strongly connected set of waves, or a wave waiting for itself), at its first reference.
function cycleFindings(waves: readonly WaveOutline[]): Finding[] {
  const edges = waveEdges(waves);
  const next = waves.map(() => [] as number[]);
  for (const edge of edges) next[edge.from]!.push(edge.to);
  const component = stronglyConnected(waves.length, next);
  const firstEdge = new Map<number, WaveEdge>();
  for (const edge of edges) {
    if (component[edge.from] !== component[edge.to]) continue;
    const first = firstEdge.get(component[edge.from]!);
    const at = edge.reference.range.start;
    if (!first || at.line < first.reference.range.start.line || (at.line === first.reference.range.start.line && at.character < first.reference.range.start.character)) {
      firstEdge.set(component[edge.from]!, edge);
    }
  }
  const membersOf = new Map<number, Set<number>>();
  component.forEach((id, wave) => {
    if (!firstEdge.has(id)) return;
    const members = membersOf.get(id);
    if (members) members.add(wave);
    else membersOf.set(id, new Set([wave]));
  });
  const findings: Finding[] = [];
  for (const [id, edge] of firstEdge) {
    const members = membersOf.get(id)!;
    const path = cyclePath(Math.min(...members), members, next).map((w) => waves[w]!.name);
    findings.push({
      rule: 'wave-cycle',
      severity: 'error',
      range: edge.reference.range,
      message: path.length === 2 ? `${path[0]} is blocked by itself.` : `Waves block each other in a cycle: ${path.join(' → ')}; none of them can start.`,
    });
  }
  return findings;
}

// Tarjan's algorithm without recursion (a plan may hold thousands of waves): a component id per wave.
function stronglyConnected(count: number, next: readonly number[][]): number[] {
  const index: number[] = new Array<number>(count).fill(-1);
  const low: number[] = new Array<number>(count).fill(0);
  const onStack: boolean[] = new Array<boolean>(count).fill(false);
  const component: number[] = new Array<number>(count).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; edge: number }[] = [{ v: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1]!;
      const v = frame.v;
      if (frame.edge < next[v]!.length) {
        const w = next[v]![frame.edge++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v]!, low[v]!);
      if (low[v] === index[v]) {
        let w: number | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack[w] = false;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}

// The shortest path from a wave of a cycle back to itself, for the message.
function cyclePath(start: number, members: ReadonlySet<number>, next: readonly number[][]): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of next[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const chain: number[] = [];
        for (let u = v; u !== start; u = parent.get(u)!) chain.unshift(u);
        return [start, ...chain, start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

// An agent starts in the first wave that names it; it must start after every earlier-stage agent.
// A plan of one wave is a very small connector's, which the playbook exempts from its split (§5).
function sequenceFindings(waves: readonly WaveOutline[], waveSequencing: readonly (readonly string[])[]): Finding[] {
  if (waves.length === 1) return [];
  const stages = stageIndex(waveSequencing);
  const starts = new Map<string, { wave: WaveOutline; name: string }>();
  for (const wave of waves) {
    for (const agent of wave.agents) if (!starts.has(agent.toLowerCase())) starts.set(agent.toLowerCase(), { wave, name: agent });
  }
  const findings: Finding[] = [];
  for (const [key, start] of starts) {
    const stage = stages.get(key);
    if (stage === undefined || stage === 0) continue;
    const tooLate = [...starts].filter(([other, otherStart]) => (stages.get(other) ?? Infinity) < stage && otherStart.wave.index >= start.wave.index).map(([, s]) => s);
    if (tooLate.length === 0) continue;
    const range = start.wave.agentNames.find((a) => a.name.toLowerCase() === key)?.range ?? start.wave.headingRange;
    const others = tooLate.map((o) => `${o.name} (${o.wave === start.wave ? 'the same wave' : o.wave.name})`).join(', ');
    const earlier = waveSequencing.slice(0, stage).map((s) => s.join(' + ')).join(', then ');
    findings.push({
      rule: 'wave-sequence',
      severity: 'warning',
      range,
      message: `${start.name} starts in ${start.wave.name}, before ${others}: the playbook's sequencing starts it once ${earlier} ${stage > 1 || waveSequencing[0]!.length > 1 ? 'are' : 'is'} stable.`,
    });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
