"""Short sentences that say "someone is in danger now", and some that plainly do not, for the semantic
half of the urgent rule (reporting.urgency). A clause of a report is compared with each; a clause
close to a danger sentence makes the report urgent.

Written from safeguarding practice (the categories of harm in the Wales Safeguarding Procedures and
Working Together), not from any test set. They are deliberately plain, some in the way children and
carers write: lower case, text-speak, indirect ("i have to hide"). English only: the model knows
little Welsh, so Welsh relies on the rule list.
"""

from __future__ import annotations

DANGER: tuple[str, ...] = (
    # physical abuse
    "he hits me", "my dad beats me up", "she slaps me across the face", "he punches and kicks me", "mum hurts me",
    "my stepdad hurts me when he is angry", "i have bruises from him", "he grabbed me by the neck", "he pushed me over",
    "she pulls my hair and pinches me", "he throws things at me", "i get hit with a belt", "he burnt me with a cigarette",
    "they beat me when i get things wrong", "my carer is rough with me and hurts my arm", "staff pushed my brother hard",
    "he shakes the baby", "there are marks on my body",
    # anger and fear at home, indirect
    "mums boyfriend gets angry and i have to hide", "when he is drunk i hide in my room", "i hide under the bed when they fight",
    "i am scared of him", "im scared to go home", "i dont feel safe at home", "i dont feel safe with him",
    "i am frightened all the time",
    "i am scared of what he will do", "he gets really angry and shouts in my face", "i have to be quiet or he goes mad",
    "i dont want to go home tonight", "i am scared to be in the house with him", "i wait outside until he is asleep",
    "i am not safe here", "something bad is going to happen", "i am in danger",
    # domestic abuse witnessed
    "dad hits mum", "he hurts my mum and i hear it", "my parents fight and he hits her", "i saw him strangle mum",
    "mum has bruises again", "he smashes things and screams at mum", "the police came again last night",
    # threats and weapons
    "he said he will kill me", "he said hed kill us all", "he threatened to hurt me", "he has a knife", "he keeps a knife in his room",
    "he showed me a gun", "he said he would burn the house down", "they said they would hurt my family",
    "he says he will hurt me if i tell", "they said they would stab me", "i got threatened after school",
    # emotional abuse and control
    "he says i am worthless and he wishes i was dead", "she screams at me every day", "he wont let me leave the house",
    "they lock me in my room", "i am locked in", "i am not allowed to go out or see anyone", "he takes my phone so i cant call anyone",
    "he controls all my money", "she takes my money and my food", "they keep me from leaving",
    # sexual abuse and grooming
    "he touches me where i dont want", "he touched my private parts", "he comes into my room at night", "he makes me do sexual things",
    "an older man online asks for pictures of me", "a man i met online wants to meet me and said keep it secret",
    "he sends me rude pictures", "he gives me presents and says it is our secret", "he made me take my clothes off",
    "my boyfriend is much older and makes me have sex", "someone is making me send nudes", "he raped me",
    # neglect
    "no food in the house since friday", "there is nothing to eat", "i am always hungry", "we have not eaten for days",
    "mum doesnt feed us", "no heating and it is freezing", "we have no electricity and no food", "nobody looks after us",
    "we are left on our own at night", "mum goes out and leaves us alone", "i look after my little brother because mum is always out",
    "the baby has not been changed all day", "nobody took me to the doctor and i am really poorly", "i have not had my medicine",
    "my insulin has run out", "i sleep on the floor", "our house is dirty and there are no beds",
    "mum is drunk all the time", "dad is off his face on drugs", "my mum takes drugs and passes out", "mum wont wake up",
    "our parents are drunk and fighting",
    # a dependent adult left alone, falling, unwell
    "carer leaves nan alone all night", "nan fell and nobody came", "my dad fell over and he is still on the floor",
    "the carer did not come and mum cannot get out of bed", "nobody has given gran her tablets", "grandad has not eaten all day",
    "nan is sat in wet clothes all day", "the carer shouts at my mum and is rough with her", "she has been left in bed for days",
    "he cant breathe properly", "he is not waking up", "she is very ill and nobody is helping",
    # self-harm and suicide, the reporter or someone else
    "dad said hed kill himself", "i want to die", "i want to kill myself", "i cut myself", "i have been hurting myself",
    "i dont want to be here anymore", "i cant go on", "everyone would be better off without me", "i took too many pills",
    "my friend says she is going to end it", "mum says she wants to die", "i think about ending my life",
    "i feel like giving up on life",
    "i want to disappear forever", "i am going to jump",
    # running away and missing
    "i am going to run away", "i ran away last night", "my sister has not come home", "he has been missing since yesterday",
    "i have nowhere to sleep tonight", "i am sleeping on the streets", "they kicked me out and i have nowhere to go",
    "i stayed out all night because i cant go home",
    # exploitation
    "older boys make me carry stuff for them", "they make me sell drugs", "i have to take packages to other towns",
    "they give me money to deliver things", "i owe them money and they say i have to work it off",
    "older lads pick me up in a car and take me places", "they make me hold drugs for them", "i am made to steal for them",
    "i get sent to other cities on the train", "they make me do things for money", "a man gives me drugs and alcohol",
    "i have to work and they keep my money", "someone took my passport",
    # bullying with threats of violence
    "they said they would beat me up after school", "a gang is waiting for me", "they jump me on the way home",
    "kids at school threaten to stab me", "they are going to get me", "i get beaten up at school every day",
    # pleas and urgency
    "please help me", "help me now", "i need help now", "please come and get me", "get me out of here", "save me",
    "this is an emergency", "i need someone to come today",
    # text-speak and misspelt
    "hes gona hit me", "im so scard", "i dont feel safe pls help", "he hurts me alot", "mum dont feed us",
    "my step dad is hurting me", "dad wacks me", "im scared of my mums bf", "he hit me agen", "i want to dye",
)

CALM: tuple[str, ...] = (
    # the service, lateness, paperwork
    "the carer was late", "the carer did not come on sunday", "the taxi did not come on time", "the bus was late again",
    "my social worker changed and nobody told me",
    "the letter had the wrong date", "my name was spelt wrong", "my review was cancelled", "the meeting was moved",
    "nobody rang me back", "i had to wait a long time", "the form was too long", "the paperwork was confusing",
    "they forgot my birthday", "i missed my visit", "i did not get my pocket money on time", "the food is cold",
    "my room is too small", "the day centre is too noisy", "the wifi does not work", "they lost my things when i moved",
    # feelings about the service
    "i felt sad when nobody listened", "i was upset that the plan changed", "i felt left out at the meeting",
    "i want more say in my plan", "it would help if staff listened to me", "i would like a phone call instead of a letter",
    "staff are kind but busy", "i am not happy with my new school",
    # thanks and good news
    "thank you for helping me", "my carer is really nice", "i like my new foster home", "i am happy here", "i feel safe now",
    "everything is fine", "staff helped me a lot", "i get help with my shopping and that is good",
    # questions
    "when is my next review", "can i change my social worker", "how do i make a complaint", "who do i talk to about my money",
    # past, resolved
    "he used to hit me when i was little but that stopped years ago", "i was scared of the dog", "i hurt my knee playing football",
    "i was upset last year but it is sorted now", "i am safe now", "nobody hurts me here", "he does not hit me",
    "i am not scared of him anymore", "i do not feel scared", "it stopped a long time ago",
    "that was a long time ago and i am safe now", "we watched a film about a fight",
)
