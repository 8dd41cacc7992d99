/**
 * `#pol2Cart(theta, rho[, z])`: appends the cartesian coordinates x and y of polar (theta in degrees, rho),
 * and z as given when the third argument is there. Only the first `argTypes.length` appended attributes
 * apply to a call (x, y for two arguments; x, y, z for three). Null theta or rho gives null coordinates.
 */
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../registry/extension-impl.js';
import { validateWith } from '../../shared/overloads.js';

const base: ExtensionSpec = {
  kind: 'streamFunction',
  namespace: '',
  name: 'pol2Cart',
  description:
    'Calculates the cartesian coordinates x and y for the given theta (degrees) and rho, and passes z through.',
  parameters: [
    { name: 'theta', type: ['double'], description: 'The theta value of the coordinates, in degrees.' },
    { name: 'rho', type: ['double'], description: 'The rho value of the coordinates.' },
    {
      name: 'z',
      type: ['double'],
      optional: true,
      defaultValue: 'If z is not given, the output has no z.',
      description: 'The z value of the cartesian coordinates.',
    },
  ],
  appendedAttributes: [
    { name: 'x', type: 'double', description: 'rho * cos(theta).' },
    { name: 'y', type: 'double', description: 'rho * sin(theta).' },
    { name: 'z', type: 'double', description: 'The z argument (only when it is given).' },
  ],
  examples: [
    {
      syntax: 'from PolarStream#pol2Cart(theta, rho) select x, y insert into outputStream;',
      description: 'For theta 0.7854 and rho 5, x is 4.99953024681082 and y 0.06853693328228748.',
    },
    {
      syntax: 'from PolarStream#pol2Cart(theta, rho, 3.4) select x, y, z insert into outputStream;',
      description: 'As above, with z 3.4.',
    },
  ],
};

const DEG = Math.PI / 180;

export const pol2CartStreamFunction: StreamFunctionImpl = {
  spec: {
    ...base,
    validate: validateWith(base),
    // z is appended only when it is given: x, y for two arguments, x, y, z for three.
    appendedAttributesOf: (argTypes) => (base.appendedAttributes ?? []).slice(0, argTypes.length),
  },
  create(ctx) {
    const withZ = ctx.argTypes.length === 3;
    // One buffer per call site: the values are copied out by `emit` before the next event.
    const out: unknown[] = withZ ? [null, null, null] : [null, null];
    return (args, emit) => {
      const theta = args[0];
      const rho = args[1];
      if (typeof theta === 'number' && typeof rho === 'number') {
        const r = theta * DEG;
        out[0] = rho * Math.cos(r);
        out[1] = rho * Math.sin(r);
      } else {
        out[0] = null;
        out[1] = null;
      }
      if (withZ) out[2] = args[2] === undefined ? null : args[2];
      emit(out);
    };
  },
};
