/**
 * Word lists and sentence templates behind {@link generateReviews}. Kept apart from the assembly
 * logic so a notebook (or a curious learner) can read the raw material the corpus is made of.
 *
 * Templates use `{slot}` placeholders that the generator fills: `{aspect}`/`{aspect2}` (a part of
 * the product), `{is}`/`{is2}` (is/are to agree with it), `{pos}`/`{neg}` (opinion adjectives),
 * `{posPhrase}`/`{negPhrase}` (what the aspect does, product-specific), `{int}` (an intensifier or
 * nothing), `{it}` (it/they), `{product}`, `{brand}`, `{n}`, `{period}`, `{relative}`, `{color}`,
 * `{model}`; contrast templates add `{firstPhrase}`, `{firstAdj}`, `{secondPhrase}`, `{secondAdj}`.
 */

/** A part of a product and what reviewers say it does well or badly. */
export interface Aspect {
  name: string;
  plural?: boolean;
  pos: readonly string[];
  neg: readonly string[];
}

/** A product category: the noun reviewers use and the aspects they talk about. */
export interface ReviewCategory {
  name: string;
  product: string;
  aspects: readonly Aspect[];
}

/** The product categories of the corpus. */
export const reviewCategories: readonly ReviewCategory[] = [
  {
    name: 'phones',
    product: 'phone',
    aspects: [
      {
        name: 'battery',
        pos: ['lasts all day', 'lasts two full days', 'charges in under an hour', 'still holds a charge after months'],
        neg: ['drains overnight', 'dies by lunchtime', "won't hold a charge", 'swelled after a month'],
      },
      {
        name: 'screen',
        pos: ['is sharp and vivid', 'looks crisp even in sunlight', 'has rich colors'],
        neg: ['scratched in a week', 'has dead pixels', 'flickers at low brightness', 'cracked from a short drop'],
      },
      {
        name: 'camera',
        pos: ['takes sharp photos', 'handles low light well', 'focuses instantly'],
        neg: ['takes grainy photos', 'blurs every shot', 'washes out colors', 'smears anything that moves'],
      },
      { name: 'speaker', pos: ['gets loud and stays clear', 'sounds full'], neg: ['crackles at high volume', 'sounds tinny', 'buzzes on every call'] },
      {
        name: 'software',
        pos: ['runs snappy', 'gets regular updates', 'never lags'],
        neg: ['lags constantly', 'freezes daily', 'crashes when I open the camera', 'is full of bloatware'],
      },
      { name: 'signal', pos: ['picks up signal everywhere', 'holds calls in the basement'], neg: ['drops calls', 'vanishes in my kitchen'] },
      { name: 'fingerprint reader', pos: ['unlocks instantly'], neg: ['rejects my thumb half the time'] },
    ],
  },
  {
    name: 'headphones',
    product: 'headset',
    aspects: [
      {
        name: 'sound',
        pos: ['is rich and detailed', 'has punchy bass', 'stays crisp at any volume'],
        neg: ['is muddy', 'distorts at half volume', 'sounds hollow'],
      },
      { name: 'noise cancelling', pos: ['blocks out the whole train', 'silences the office'], neg: ['barely blocks anything', 'hisses constantly'] },
      { name: 'fit', pos: ['stays snug for hours', 'feels like nothing on my head'], neg: ['pinches after an hour', 'slips off when I run'] },
      { name: 'battery', pos: ['lasts a whole week of commuting', 'charges in minutes'], neg: ['drains in two hours', 'dies mid flight'] },
      { name: 'bluetooth connection', pos: ['pairs instantly', 'never drops'], neg: ['keeps disconnecting', 'cuts out every few minutes', 'stutters'] },
      { name: 'microphone', pos: ['picks up my voice clearly'], neg: ['makes me sound like a robot', 'picks up every gust of wind'] },
      { name: 'ear cushions', plural: true, pos: ['breathe well'], neg: ['peeled within months', 'trap heat'] },
    ],
  },
  {
    name: 'laptops',
    product: 'laptop',
    aspects: [
      { name: 'keyboard', pos: ['has a satisfying click', 'is quiet and springy'], neg: ['has sticky keys', 'double types letters', 'feels mushy'] },
      { name: 'trackpad', pos: ['tracks precisely', 'handles gestures well'], neg: ['jumps around', 'misses clicks'] },
      { name: 'screen', pos: ['is bright and sharp', 'has accurate colors'], neg: ['has backlight bleed', 'washes out at an angle'] },
      { name: 'battery', pos: ['gets me through a full workday'], neg: ['barely lasts three hours', 'drains while asleep'] },
      { name: 'fan', pos: ['stays whisper quiet'], neg: ['whines constantly', 'sounds like a jet engine', 'runs hot'] },
      {
        name: 'performance',
        pos: ['handles video editing without a hiccup', 'boots in seconds'],
        neg: ['chokes on a few browser tabs', 'throttles under load', 'takes ages to boot'],
      },
      { name: 'hinge', pos: ['feels rock solid'], neg: ['wobbles', 'cracked after a month', 'creaks'] },
      { name: 'webcam', pos: ['gives a clear picture on calls'], neg: ['is grainy', 'makes me look like a potato'] },
    ],
  },
  {
    name: 'kitchen',
    product: 'coffee maker',
    aspects: [
      { name: 'coffee', pos: ['tastes rich', 'comes out piping hot'], neg: ['tastes burnt', 'comes out lukewarm', 'tastes watery'] },
      { name: 'carafe', pos: ['pours without a drip'], neg: ['drips everywhere', 'cracked'] },
      { name: 'water tank', pos: ['is a breeze to refill'], neg: ['leaks onto the counter'] },
      { name: 'timer', pos: ['has coffee ready when I wake up'], neg: ['resets after every power cut'] },
      { name: 'buttons', plural: true, pos: ['respond to a light touch'], neg: ['stick', 'stopped responding'] },
      { name: 'grinder', pos: ['hums quietly'], neg: ['screams every morning', 'jams'] },
      { name: 'milk frother', pos: ['makes silky foam'], neg: ['spits milk everywhere'] },
    ],
  },
  {
    name: 'smartwatches',
    product: 'watch',
    aspects: [
      { name: 'strap', pos: ['is soft on the wrist'], neg: ['gave me a rash', 'snapped'] },
      { name: 'display', pos: ['is readable in bright sun'], neg: ['dims randomly', 'is unreadable outdoors'] },
      { name: 'heart rate sensor', pos: ['matches my chest strap'], neg: ['reads nonsense during workouts', 'is way off'] },
      { name: 'step counter', pos: ['is spot on'], neg: ["counts steps while I'm driving"] },
      { name: 'battery', pos: ['lasts a full week'], neg: ['barely makes it to dinner'] },
      { name: 'GPS', pos: ['locks on in seconds'], neg: ['takes forever to lock on', 'draws my runs through buildings'] },
      { name: 'app', pos: ['syncs in the background'], neg: ['refuses to sync', 'logs me out constantly'] },
      { name: 'notifications', plural: true, pos: ['come through reliably'], neg: ['arrive late or not at all'] },
    ],
  },
];

/** Fictional brands, the categories each sells and how often its reviews are positive. */
export const reviewBrands: readonly { name: string; categories: readonly string[]; positiveRate: number }[] = [
  { name: 'Novatek', categories: ['phones', 'laptops', 'smartwatches'], positiveRate: 0.64 },
  { name: 'Zephyra', categories: ['headphones', 'phones', 'kitchen'], positiveRate: 0.55 },
  { name: 'Lumio', categories: ['phones', 'smartwatches', 'headphones'], positiveRate: 0.62 },
  { name: 'Corvid', categories: ['laptops', 'headphones', 'kitchen'], positiveRate: 0.46 },
  { name: 'Aurelo', categories: ['kitchen', 'smartwatches', 'laptops'], positiveRate: 0.7 },
];

/** Opinion adjectives; about two thirds are in the lexicon baseline's word list, the rest are not. */
export const positiveAdjectives = [
  'great',
  'excellent',
  'amazing',
  'fantastic',
  'perfect',
  'solid',
  'impressive',
  'superb',
  'brilliant',
  'good',
  'nice',
  'lovely',
  'reliable',
  'gorgeous',
  'wonderful',
  'terrific',
  'top notch',
  'phenomenal',
  'first rate',
  'spot on',
  'snappy',
  'rock solid',
  'flawless',
  'well built',
  'sublime',
  'stunning',
  'polished',
];
/** Negative opinion adjectives, the same mix of lexicon and non-lexicon words. */
export const negativeAdjectives = [
  'terrible',
  'awful',
  'horrible',
  'poor',
  'bad',
  'disappointing',
  'useless',
  'flimsy',
  'mediocre',
  'weak',
  'subpar',
  'janky',
  'dodgy',
  'underwhelming',
  'laughable',
  'abysmal',
  'half baked',
  'finicky',
  'temperamental',
  'glitchy',
  'wobbly',
  'shoddy',
  'pitiful',
  'lackluster',
];
/** Words that strengthen the adjective after them (empty strings: most sentences have none). */
export const intensifiers = ['', '', '', '', 'very ', 'really ', 'extremely ', 'super ', 'incredibly ', 'so ', 'truly ', 'pretty '];

/** Positive sentences about one aspect. */
export const positiveTemplates = [
  'The {aspect} {is} {int}{pos}.',
  'The {aspect} {posPhrase}.',
  'I love the {aspect}.',
  'I really like the {aspect}.',
  'Honestly the {aspect} {posPhrase}.',
  '{Pos} {aspect}.',
  'The {aspect} {posPhrase}, which I did not expect at this price.',
  '{Brand} got the {aspect} right.',
  'Really happy with the {aspect}.',
  'The {aspect} {is} {int}{pos} and {it} {posPhrase}.',
];
/** Negative sentences about one aspect. */
export const negativeTemplates = [
  'The {aspect} {is} {int}{neg}.',
  'The {aspect} {negPhrase}.',
  'I hate the {aspect}.',
  'Really disappointed with the {aspect}.',
  'Within {n} {period} the {aspect} {negPhrase}.',
  '{Neg} {aspect}.',
  'The {aspect} {negPhrase} and support shrugged.',
  'Had to return it because the {aspect} {negPhrase}.',
  'The {aspect} {is} {int}{neg} and {it} {negPhrase}.',
];
/** Positive sentences built on a negation ("not bad", "can't complain"). */
export const negatedPositiveTemplates = [
  "Can't complain about the {aspect}.",
  'No complaints about the {aspect} so far.',
  'Never had an issue with the {aspect}.',
  'The {aspect} {is} not {neg} at all.',
  "The {aspect} isn't {neg} like my last one.",
  'Not bad at all.',
  'Nothing to dislike about the {aspect}.',
  'I was worried the {aspect} would be {neg}, but {it} {posPhrase}.',
  'Never disappoints.',
];
/** Negative sentences built on a negation ("not good", "never worked"). */
export const negatedNegativeTemplates = [
  'The {aspect} {is} not {pos}.',
  "The {aspect} isn't {int}{pos}.",
  "I didn't like the {aspect}.",
  'The {aspect} never worked properly.',
  "Didn't love the {aspect} either.",
  "It doesn't feel {pos} at all.",
  'Not {pos}, not even close.',
  "Can't recommend it.",
  'The {aspect} is nothing like the ads.',
];
/**
 * Two opinions in one sentence, the first of the opposite polarity; the clause after the turn
 * decides the label. Used in both directions, so bag-of-words sees the same words either way and
 * only word order tells them apart. `{first…}` slots take the opposite polarity, `{second…}` the label's.
 */
export const contrastTemplates = [
  'The {aspect} {firstPhrase} but the {aspect2} {secondPhrase}.',
  '{FirstAdj} {aspect}, but the {aspect2} {secondPhrase}.',
  'The {aspect} {firstPhrase}; however, the {aspect2} {secondPhrase}.',
  'Although the {aspect} {is} {firstAdj}, the {aspect2} {secondPhrase}.',
  'Sure, the {aspect} {is} {firstAdj}, but the {aspect2} {is2} {secondAdj}.',
  'The {aspect} {is} {firstAdj} but the {aspect2} {is2} {int}{secondAdj}.',
  'The {aspect} {firstPhrase} at first, but after a reset {it} {secondPhrase}.',
];
/** Contrast sentences that only turn negative. */
export const contrastToNegativeExtras = ['I wanted to love it but the {aspect2} {secondPhrase}.'];
/** Contrast sentences that only turn positive. */
export const contrastToPositiveExtras = ['The {aspect} {is} {firstAdj} but I still love it.'];
/** Negative reviews dressed in positive words (the lexicon's blind spot). */
export const sarcasticTemplates = [
  'Oh great, the {aspect} {negPhrase} again.',
  'Wow, {n} days and the {aspect} already {negPhrase}. Amazing.',
  'Love how the {aspect} {negPhrase}. Just perfect.',
  'Fantastic, another {product} where the {aspect} {negPhrase}.',
  'Brilliant design, the {aspect} {negPhrase}. Thanks {brand}.',
  'Best purchase ever, said no one. The {aspect} {negPhrase}.',
];
/** Lukewarm sentences for three-star reviews. */
export const lukewarmTemplates = [
  "It's okay.",
  'It does the job.',
  'Nothing special.',
  'Fine for the price.',
  'An average {product}.',
  'Middle of the road.',
  'Some good, some bad.',
  'The {aspect} is fine, the {aspect2} is fine.',
  'It is what it is.',
];
/** The faint lean that decides a lukewarm review's label: positive… */
export const lukewarmPositiveLean = ["I'd probably buy it again.", 'For the money it is fine.', 'Mostly satisfied.'];
/** …or negative. */
export const lukewarmNegativeLean = ['I expected more for the price.', 'Probably not buying this brand again.', 'Slightly disappointed.'];

/** Last sentences of positive reviews. */
export const positiveClosings = [
  'Would buy again.',
  'Highly recommend.',
  'Worth every penny.',
  'Five stars.',
  'Happy with it.',
  'My {relative} wants one now.',
  'Great value for the price.',
  'Exactly what I needed.',
  'Ten out of ten.',
  'Glad I picked this one.',
  'Will be buying another for my {relative}.',
  'Does the job and then some.',
];
/** Last sentences of negative reviews. */
export const negativeClosings = [
  'Returning it.',
  'Avoid.',
  'Save your money.',
  'Waste of money.',
  'One star.',
  'Asked for a refund.',
  'Support never answered my emails.',
  'Not worth the price.',
  'Would not recommend.',
  'Going back to my old one.',
  'Sent it back the next day.',
  'Still waiting on a replacement.',
];
/** Short positive reviews. */
export const shortPositive = [
  'Love it so much!',
  'Absolutely love this {product}.',
  'Works great, five stars.',
  'Best {product} I have owned.',
  'Just buy it.',
  'Exceeded my expectations.',
];
/** Short negative reviews. */
export const shortNegative = ['Total junk, avoid.', 'Broke in a week.', 'Do not buy.', 'Worst {product} ever.', 'Returned it immediately.', 'Dead on arrival.'];

/** Neutral sentences that carry no opinion but make reviews look real. */
export const fillers = [
  'Bought this for my {relative}.',
  'Got it on sale.',
  'Been using it for {n} {period}.',
  'Upgraded from an older model.',
  'It arrived a day early.',
  'Setup took about ten minutes.',
  'I use it every day for work.',
  'Ordered the {color} one.',
  'This is my second {product} from {brand}.',
  'Picked it up at the store.',
  'Shipping took a week.',
  'It came in a plain box.',
  'I mostly use it on weekends.',
  'My old one finally gave up.',
  'Coming from a cheaper model.',
];
/** Sentence used by negative reviews of a brand during its bad months. */
export const updateComplaints = ['Since the last update the {aspect} {negPhrase}.', 'After the firmware update the {aspect} {negPhrase}.'];

/** Relatives for `{relative}`. */
export const relatives = ['wife', 'husband', 'son', 'daughter', 'mom', 'dad', 'partner', 'brother', 'sister', 'roommate'];
/** Product colours for `{color}`. */
export const colors = ['black', 'white', 'blue', 'silver', 'green', 'rose gold', 'graphite'];
/** Time units for `{period}`. */
export const periods = ['days', 'weeks'];

/** Slang and product names that only appear after the vocabulary drift date. */
export const driftPositive = ['fire', 'goated', 'bussin', 'unreal', 's tier', 'chefs kiss', 'next level', 'cracked in a good way'];
/** Negative slang of the drift period. */
export const driftNegative = ['mid', 'cooked', 'bricked', 'washed', 'sus', 'a whole L', 'straight cheeks'];
/** Model names only the drift period mentions. */
export const driftModels = ['Pulse X2', 'Orbit Pro', 'Nimbus 5', 'Vanta Max', 'Halo Air', 'Flux Mini'];
/** Sentences of the drift period; `{drift}` takes slang of the review's polarity. */
export const driftTemplates = [
  'The {model} {aspect} is {drift}.',
  'Ngl the {aspect} is {drift}.',
  'Lowkey the {model} is {drift}.',
  'This {product} is {drift} fr.',
  'The {aspect} on the {model}? {Drift}.',
  'Upgraded to the {model} and the {aspect} is {drift}.',
];
