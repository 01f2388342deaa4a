import type { Sign } from "../zodiac.js";

/** The Sun's sign: the core of the reading, so each is written out in full. */
export const SUN_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "With the Sun in Aries you come alive when there is something to start. You would rather act and correct course than wait for a perfect plan, and people notice the energy you bring into a room. Your growth lies in learning that finishing can be as satisfying as beginning, and that not every delay is an obstacle to charge at.",
  taurus:
    "With the Sun in Taurus you build your life steadily and for the long run. You trust what you can touch, taste and count, and you rarely commit until you are sure, after which you are remarkably loyal. Your growth lies in letting change in before it has to force its way, because comfort can quietly harden into a rut.",
  gemini:
    "With the Sun in Gemini you are fed by ideas, conversation and variety. You notice connections other people miss and can talk your way into almost any world, which makes you a natural go-between. Your growth lies in staying with one thread long enough to see where it leads, rather than letting curiosity scatter your attention.",
  cancer:
    "With the Sun in Cancer you lead with care. Home, family and the people you call your own are where your strength comes from, and you protect them fiercely. Your feelings are a reliable compass, even when you hide them behind a cautious shell. Your growth lies in receiving the kind of care you give so freely.",
  leo: "With the Sun in Leo you are meant to be seen. Warmth, generosity and a sense of occasion come naturally, and you lift people simply by taking part wholeheartedly. Creative work and play matter more to you than most people admit about themselves. Your growth lies in shining without needing the applause to prove that you count.",
  virgo:
    "With the Sun in Virgo you find meaning in doing things well. You see what could be improved, where a process is leaking and how to help in practical ways, and you quietly hold a lot together. Your growth lies in turning that discerning eye on yourself gently, accepting that good enough is sometimes exactly right.",
  libra:
    "With the Sun in Libra you are at your best in relationship. You weigh both sides, sense what would make a situation fair and bring grace to the way people deal with one another. Beauty and balance are real needs for you, not luxuries. Your growth lies in naming your own preference even when it might disturb the peace.",
  scorpio:
    "With the Sun in Scorpio you live intensely and look beneath the surface. Half-measures do not interest you; you want the truth of a person or a situation, and you have the stamina to stay through a crisis. Your growth lies in trusting enough to let others see you, and in letting go of what has already ended.",
  sagittarius:
    "With the Sun in Sagittarius you are driven by a search for meaning and wider horizons. Travel, study and big conversations about how life works keep you alert, and your optimism is contagious. You say what you think, sometimes before you have thought it through. Your growth lies in bringing your vision down to the next concrete step.",
  capricorn:
    "With the Sun in Capricorn you take the long view and take responsibility. You are willing to climb slowly towards something that matters, and people learn they can rely on you. A dry humour often hides how much you care. Your growth lies in allowing yourself rest and pleasure before every goal has been reached.",
  aquarius:
    "With the Sun in Aquarius you think for yourself and care about the wider group. You are drawn to new ideas, fairer systems and friendships of equals, and you are rarely impressed by tradition for its own sake. Your growth lies in letting your warmth show as clearly as your principles, so that people feel close to you and not only respected.",
  pisces:
    "With the Sun in Pisces you are sensitive to moods, images and the unspoken. Compassion comes easily, and imagination, music or spiritual practice can become lifelines. You absorb the atmosphere around you more than you realise. Your growth lies in building gentle boundaries, so that your openness stays a gift rather than a drain.",
};

/** The Moon's sign: emotional needs and instinctive reactions. */
export const MOON_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Your Moon in Aries makes your feelings quick and honest. You react first and reflect later, and anger flares and fades fast. You feel safest when you can do something about a problem, so inactivity is harder on you than conflict. Physical exercise is one of the best ways to settle your mood.",
  taurus:
    "Your Moon in Taurus gives you a deep need for security and calm. Familiar routines, good food, comfortable surroundings and people who stay the same settle you. Once upset you can take a while to come round, but your emotional loyalty is unusually steady.",
  gemini:
    "Your Moon in Gemini means you process feelings by talking and thinking them through. You need mental company and a little variety every day; boredom unsettles you more than drama does. Writing things down or phoning a friend can restore your balance quickly.",
  cancer:
    "Your Moon in Cancer is at home: your emotions run deep, your memory for feelings is long, and you are tuned to the needs of the people close to you. A secure base, whether a home, a family or a circle of trusted friends, is essential to your well-being.",
  leo: "Your Moon in Leo needs warmth, appreciation and a chance to express itself. You feel good when you are loved openly and when you can be generous in return. Being overlooked hurts more than you usually show, and a little recognition goes a long way with you.",
  virgo:
    "Your Moon in Virgo finds comfort in order and usefulness. You calm down by tidying, planning or helping, and you show love through practical care. Worry can build when things feel out of control, so simple routines and kindness towards your own imperfections help a great deal.",
  libra:
    "Your Moon in Libra needs harmony and company. You feel most at ease in pleasant surroundings and in relationships where give and take is fair. Conflict unsettles you deeply, and you may smooth things over too quickly; saying what you feel is what actually brings you peace.",
  scorpio:
    "Your Moon in Scorpio feels everything intensely and keeps much of it private. You need emotional honesty and complete trust before you open up, and you sense hidden undercurrents with uncanny accuracy. Letting go of old hurts is your hardest and most healing work.",
  sagittarius:
    "Your Moon in Sagittarius needs freedom, movement and something to look forward to. You lift your own mood with humour, plans and fresh experiences, and you feel hemmed in by too much emotional heaviness. Time outdoors or on the road restores you.",
  capricorn:
    "Your Moon in Capricorn keeps feelings contained and dependable. You feel secure when life is under control and you are meeting your responsibilities, and you may have grown up fast. Allowing yourself to need others, and to be looked after now and then, softens a habit of self-reliance.",
  aquarius:
    "Your Moon in Aquarius needs space and a sense of belonging to something larger than yourself. You tend to observe your feelings before you express them, which gives you calm in a crisis. Friendship is emotionally central for you, and you feel most at home among people who accept your independence.",
  pisces:
    "Your Moon in Pisces is tender, intuitive and highly receptive. You pick up the feelings of people around you as if they were your own, so solitude, music, water or quiet creative time are genuine necessities. Your compassion is a strength, as long as you remember to save some of it for yourself.",
};

/** The ascending sign: manner, first impressions and the way into life. */
export const ASCENDANT_IN_SIGN: Readonly<Record<Sign, string>> = {
  aries:
    "Aries rising gives you a direct, energetic manner. People meet someone who is ready to go, frank and often competitive, and you tend to meet new situations head on. You learn by doing, and your first instinct is usually to take the initiative.",
  taurus:
    "Taurus rising gives you a calm, grounded presence. Others find you reassuring and unhurried, and you approach new situations carefully, testing the ground before you commit. Your physical surroundings and comfort shape your mood more than you might expect.",
  gemini:
    "Gemini rising makes you quick, curious and talkative on first meeting. You adapt easily to new people and places, ask a lot of questions and often seem younger than your years. Your first response to life is to find out more about it.",
  cancer:
    "Cancer rising gives you a gentle, protective manner. You read a room before you step into it and tend to care for people from the moment you meet them. Beneath a soft exterior you are cautious, and you open up once you feel safe.",
  leo: "Leo rising gives you a warm, confident presence that people remember. You meet life with a sense of style and occasion, and you are at your best when you can lead or perform. Your dignity matters to you, and encouragement brings out your generosity.",
  virgo:
    "Virgo rising gives you a modest, attentive manner. You notice details, arrive prepared and prefer to be useful rather than conspicuous. New situations are something you analyse first, and people often come to you for sensible advice.",
  libra:
    "Libra rising gives you charm, tact and an eye for beauty. You put people at ease and tend to meet the world through partnership and cooperation. You dislike harshness and will go a long way to keep the atmosphere pleasant.",
  scorpio:
    "Scorpio rising gives you a reserved, intense presence. People sense depth and control, and you size up a situation before revealing much of yourself. You are strongly private and unusually perceptive about other people's motives.",
  sagittarius:
    "Sagittarius rising gives you an open, enthusiastic manner. You meet life as an adventure, speak frankly and make friends easily across cultures and backgrounds. Restlessness is part of your make-up, and you need room to roam.",
  capricorn:
    "Capricorn rising gives you a composed, serious first impression. You approach new situations with caution and a plan, and people tend to see you as capable and mature. Your warmth comes out over time, and many people with this rising sign seem to grow younger with age.",
  aquarius:
    "Aquarius rising gives you a friendly but independent manner. You come across as original, a little detached and interested in ideas, and you treat people as equals whatever their status. You meet life on your own terms and resist being put in a box.",
  pisces:
    "Pisces rising gives you a soft, receptive presence. You take in the mood of a place quickly and adapt to the people around you, sometimes so much that others see in you what they hope to see. Imagination and kindness shape the way you meet the world.",
};
