/** Finds the decision register of a running hub (the hub's own, or one built over its index). */
import { createDecisionRegister, type DecisionRegister, type RegisterSource } from './register.ts';

/** The parts of a hub the register needs. */
export interface RegisterHost {
  /** The wiki index. */
  index: RegisterSource;
  /** The hub's register, when the composition root built one. */
  register?: DecisionRegister | undefined;
}

// Until the hub composes its own register, one is kept per index (weakly: it dies with the hub).
const fallbackRegisters = new WeakMap<RegisterSource, DecisionRegister>();

/** The register of a hub. */
export function registerOf(hub: RegisterHost): DecisionRegister {
  if (hub.register) return hub.register;
  let register = fallbackRegisters.get(hub.index);
  if (!register) {
    register = createDecisionRegister({ index: hub.index });
    fallbackRegisters.set(hub.index, register);
  }
  return register;
}
